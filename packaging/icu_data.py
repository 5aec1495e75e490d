"""A smaller ICU data library for the bundle (Linux; needs binutils' `as` and `ld`).

PySide6's QtCore links ICU, whose data library (libicudata.so.NN, about 30 MB) carries
everything ICU can do. QtCore only asks ICU for collation, character-set converters,
time-zone rules and case mapping; QtWebEngine carries its own ICU and data (icudtl.dat). So
the trees of display names (units, currencies, languages, regions, time zones: only
QTimeZone::displayName reads those, and nothing here calls it; ICU then answers with the
GMT offset), transliteration, number spell-out and break iteration are dropped, and the
remaining items are linked into a data library with the same soname and symbol.

The data is one ICU "common data" package (format "CmnD"): a header, a table of contents of
(name offset, item offset) pairs sorted by name (ICU looks items up by binary search), the
names, then the items, each 16-byte aligned.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

# Item trees QtCore never opens (ICU names them "icudtNNl/<tree>/<item>").
UNUSED_TREES = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit", "zone")

_ALIGN = 16


def _data_symbol(library: Path) -> tuple[str, int]:
    """The data symbol's name (icudtNN_dat) and size in bytes."""
    out = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"^\s*\d+:\s+[0-9a-f]+\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)$", out, re.M)
    if not found:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    return found.group(2), int(found.group(1), 0)


def _package(blob: bytes, size: int) -> bytes:
    """The CmnD package inside the library's bytes (the data symbol starts with its header)."""
    at = blob.find(b"CmnD")
    start = at - 12  # the format tag sits 12 bytes into the header
    if at < 0 or blob[start + 2 : start + 4] != b"\xda\x27":
        raise ValueError("no ICU common data package found")
    return blob[start : start + size]


def prune(package: bytes, drop: tuple[str, ...] = UNUSED_TREES) -> bytes:
    """The same package without the items under the dropped trees."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    toc = header_size
    count = struct.unpack_from("<I", package, toc)[0]
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * k) for k in range(count)]
    items: list[tuple[bytes, bytes]] = []
    for k, (name_offset, item_offset) in enumerate(entries):
        end_name = package.index(b"\0", toc + name_offset)
        name = package[toc + name_offset : end_name]
        end = entries[k + 1][1] if k + 1 < count else len(package) - toc
        tree = name.split(b"/")[1].decode() if name.count(b"/") >= 2 else ""
        if tree not in drop:
            items.append((name, package[toc + item_offset : toc + end]))

    names = b"".join(name + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    first_item = _aligned(table_size + len(names))
    out = bytearray(package[:header_size])
    out += struct.pack("<I", len(items))
    name_at, item_at = table_size, first_item
    body = bytearray()
    for name, data in items:
        out += struct.pack("<II", name_at, item_at)
        name_at += len(name) + 1
        padded = data + b"\0" * (_aligned(len(data)) - len(data))
        body += padded
        item_at += len(padded)
    out += names
    out += b"\0" * (header_size + first_item - len(out))
    out += body
    return bytes(out)


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def build(library: Path, out_dir: Path) -> Path:
    """Write a pruned copy of `library` (same file name and soname) into out_dir."""
    symbol, size = _data_symbol(library)
    package = prune(_package(library.read_bytes(), size))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / library.name
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "icudata.dat"
        data.write_bytes(package)
        source = Path(tmp) / "icudata.s"
        source.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign {_ALIGN}\n'
            f'{symbol}:\n\t.incbin "{data}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        obj = Path(tmp) / "icudata.o"
        subprocess.run(["as", "-o", str(obj), str(source)], check=True)
        subprocess.run(
            ["ld", "-shared", "-s", "-soname", library.name, "-o", str(target), str(obj)], check=True
        )
    return target
