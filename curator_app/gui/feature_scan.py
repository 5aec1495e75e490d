"""Importing PySide6 replaces Python's import with one that, after each module is first
imported, reads that module's source file to see whether it mentions "PySide6" (to
support `from __feature__ import snake_case`, which Curator does not use). That is a file
read and a tokenize for each of the ~300 modules the editor loads: 20-25 ms of CPU before
the window shows, and more in the pauses while the preview's modules load after it.

`skip_source_scan()` answers the same question from the names the module has already
bound: a module that uses PySide6 holds PySide6 modules, classes or functions. Should a
PySide6 release lay its internals out differently, nothing is replaced and the scan stays.
"""

from __future__ import annotations

from types import ModuleType


def _uses_pyside(module: ModuleType) -> bool:
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        try:
            name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        except Exception:  # a lazy object whose attributes fail: it is not PySide's
            continue
        if isinstance(name, str) and (name == "PySide6" or name.startswith("PySide6.")):
            return True
    return False


def skip_source_scan() -> bool:
    """Replace PySide6's per-import source scan; False when it could not be found."""
    import PySide6.QtCore  # noqa: F401  (installs the import hook and its support modules)

    try:
        from shibokensupport import feature
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True
