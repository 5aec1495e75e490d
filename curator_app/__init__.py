"""Curator: a desktop curation editor for Hugo news items."""

from __future__ import annotations

from functools import cache


@cache
def _version() -> str:
    # importlib.metadata pulls in the email package: read it only when the version is asked
    # for, not on every `curator` start.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("curator-app")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
