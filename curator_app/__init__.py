"""Curator: a desktop curation editor for Hugo news items."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("curator-app")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
