"""The PySide6 window. Loading this package first makes PySide6's imports cheaper (see
feature_scan), for every GUI module imported after it."""

from curator_app.gui.feature_scan import skip_source_scan

skip_source_scan()
