"""The pruned ICU data library the bundle ships (packaging/icu_data.py) answers everything
QtCore asks ICU exactly as the full one does: collation with tailorings, locale case
mapping, time-zone rules and legacy character-set converters."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("readelf", "as", "ld")),
    reason="the ICU data library is rebuilt on Linux with binutils",
)

# Run in a child so that the library it loads can be swapped through LD_LIBRARY_PATH.
PROBE = """
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringConverter, QStringDecoder, QTimeZone
words = ["zebra", "Äpfel", "apple", "öl", "中文", "Zürich", "Ångström", "chleb", "hrad"]
for name in ("de_DE", "sv_SE", "cs_CZ", "zh_CN", "ja_JP", "en_GB"):
    print(name, sorted(words, key=QCollator(QLocale(name)).sortKey))
print(QLocale("tr_TR").toUpper("istanbul"), QLocale("de_DE").toUpper("straße"))
zone = QTimeZone(b"Europe/London")
when = QDateTime.fromSecsSinceEpoch(1750000000)
print(zone.isValid(), zone.offsetFromUtc(when), zone.isDaylightTime(when), zone.abbreviation(when))
print([QStringDecoder(c).isValid() for c in ("Shift_JIS", "GB18030", "KOI8-R", "windows-1252")])
print(len(QStringConverter.availableCodecs()))
"""


def _icu_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _probe(library_dir: Path | None) -> str:
    env = dict(os.environ)
    if library_dir is not None:
        env["LD_LIBRARY_PATH"] = str(library_dir)  # searched before QtCore's own RUNPATH
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_pruned_icu_data_is_smaller_and_answers_qtcore_alike(tmp_path: Path) -> None:
    import PySide6

    full = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    pruned = _icu_data().build(full, tmp_path)
    assert pruned.name == full.name
    assert pruned.stat().st_size < full.stat().st_size * 0.6
    expected = _probe(None)
    assert "İSTANBUL" in expected
    assert _probe(tmp_path) == expected


def test_pruning_keeps_the_table_of_contents_sorted_and_aligned() -> None:
    import struct

    import PySide6

    icu = _icu_data()
    full = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    _symbol, size = icu._data_symbol(full)
    package = icu.prune(icu._package(full.read_bytes(), size))
    header = struct.unpack_from("<H", package, 0)[0]
    count = struct.unpack_from("<I", package, header)[0]
    names, offsets = [], []
    for k in range(count):
        name_at, item_at = struct.unpack_from("<II", package, header + 4 + 8 * k)
        names.append(package[header + name_at : package.index(b"\0", header + name_at)])
        offsets.append(item_at)
    assert names == sorted(names)
    assert all((header + o) % 16 == 0 for o in offsets)
    assert not [n for n in names if b"/translit/" in n or b"/lang/" in n or b"/zone/" in n]
    assert any(b"/coll/" in n for n in names) and any(n.endswith(b".cnv") for n in names)
