"""PySide6's per-import source scan is replaced (gui/feature_scan.py): new modules are not
read from disk again, and PySide6 records the same answer its own scan gives."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import curator_app.gui  # noqa: F401  (replaces the scan)


def _import_fresh(tmp_path: Path, name: str, source: str):
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.invalidate_caches()
        return __import__(name)  # the import statement's way in, which PySide6 hooks
    finally:
        sys.path.remove(str(tmp_path))


def test_a_new_module_is_not_read_again_and_is_classed_as_pyside_scan_would(tmp_path: Path) -> None:
    from shibokensupport import feature  # importable once PySide6 is

    qt = _import_fresh(tmp_path, "curator_scan_probe_qt", "from PySide6.QtCore import QObject\n\nx = QObject\n")
    plain = _import_fresh(tmp_path, "curator_scan_probe_plain", "import os\n\nx = os.sep\n")
    for module in (qt, plain):
        assert module.__file__ not in linecache.cache, "PySide6 read the module's source again"
    # PySide6's own meaning: 0 = uses PySide (no feature switched on), -1 = leave alone.
    assert feature.pyside_feature_dict["curator_scan_probe_qt"] == 0
    assert feature.pyside_feature_dict["curator_scan_probe_plain"] == -1


def test_pysides_support_modules_load_from_bytecode_not_from_its_embedded_source() -> None:
    """Setup unpacks them beside shiboken6 (scripts/dev.sh, unpack_pyside_support); left
    embedded, PySide6 compiles each from source on every start of the editor."""
    import importlib.util

    import shiboken6

    feature = sys.modules["shibokensupport.feature"]
    unpacked = Path(shiboken6.__file__).parent / "files.dir"
    assert Path(feature.__file__).is_relative_to(unpacked), f"loaded from {feature.__file__}"
    cached = importlib.util.cache_from_source(feature.__file__)
    assert Path(cached).is_file(), f"no bytecode at {cached}"
