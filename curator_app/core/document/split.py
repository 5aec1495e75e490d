"""Find the front-matter block and the body in a file's raw bytes.

The split keeps every byte: prefix (BOM, leading blank lines, opening fence), the
front-matter text, the closing fence and the body. Joining the parts gives the input
back, which is what makes an unedited save byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from curator_app.core.document.reading import MAX_FILE_BYTES, too_big_message
from curator_app.core.errors import ParseError, UnsafeContentError

BOM = "\ufeff"

# Fences Hugo, Jekyll, Eleventy, Zola and Astro use. `---js` front matter is code: Curator
# shows it but cannot edit it.
_OPEN_RE = re.compile(
    r"(?P<lead>(?:[ \t]*\r?\n)*)(?P<fence>---|\+\+\+)(?P<lang>[A-Za-z]*)[ \t]*(?P<nl>\r?\n|$)"
)
_FORMAT_BY_FENCE = {"---": "yaml", "+++": "toml"}
_FORMAT_BY_LANG = {"yaml": "yaml", "yml": "yaml", "toml": "toml", "json": "json"}
_READ_ONLY_LANGS = {"js", "javascript", "cjs", "mjs"}


@dataclass
class Split:
    """A file cut into parts; ``prefix + front + closer + body == text``."""

    format: str  # yaml | toml | json | none | unsupported
    bom: bool
    prefix: str
    front: str
    closer: str
    body: str
    front_line: int  # 1-based file line where `front` starts
    newline: str
    read_only_reason: str | None = None

    @property
    def body_line(self) -> int:
        return self.front_line + self.front.count("\n") + self.closer.count("\n")

    def join(self) -> str:
        return (BOM if self.bom else "") + self.prefix + self.front + self.closer + self.body


def decode(data: bytes, path: str | Path | None) -> str:
    """Bytes to text, refusing what is not a text file Curator can keep intact."""
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeContentError(too_big_message(len(data)), path)
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _line_col_of_byte(data, nul)
        raise ParseError(f"binary file: NUL byte at byte offset {nul}", path, line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(data, exc.start)
        raise ParseError(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
            path,
            line,
            col,
        ) from None


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _newline_of(text: str) -> str:
    i = text.find("\n")
    return "\r\n" if i > 0 and text[i - 1] == "\r" else "\n"


def split(text: str, path: str | Path | None = None) -> Split:
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    newline = _newline_of(text)
    m = _OPEN_RE.match(text)
    if m and m.group("nl") != "":
        fence, lang = m.group("fence"), m.group("lang").lower()
        fmt = _FORMAT_BY_LANG.get(lang) if lang else _FORMAT_BY_FENCE[fence]
        reason = None
        if fmt is None:
            fmt = "unsupported"
            where = f"{path}: " if path else ""
            reason = f"{where}front matter in '{fence}{lang}' is code; Curator shows it read-only"
        start = m.end()
        if text.startswith(BOM, start):
            start += 1  # a stray BOM after the fence (files pasted together): keep it, unparsed
        front_line = text.count("\n", 0, start) + 1
        # Jekyll also ends YAML front matter with the YAML document end marker `...`.
        ends = r"(?:---|\.\.\.)" if fence == "---" else re.escape(fence)
        closer = re.compile(rf"^{ends}[ \t]*(?:\r?\n|$)", re.M)
        c = closer.search(text, start)
        if c is None:
            raise ParseError(
                f"front matter opened with '{fence}' on line {front_line - 1} is never closed",
                path,
                front_line - 1,
                1,
            )
        return Split(
            fmt,
            bom,
            text[:start],
            text[start : c.start()],
            c.group(0),
            text[c.end() :],
            front_line,
            newline,
            reason,
        )
    if text.startswith("{"):
        end = _json_object_end(text)
        if end is not None:
            return Split("json", bom, "", text[:end], "", text[end:], 1, newline)
    return Split("none", bom, "", "", "", text, 1, newline)


def _json_object_end(text: str) -> int | None:
    """End index of the leading JSON object (Hugo's brace-delimited front matter)."""
    depth, in_str, esc = 0, False, False
    for i, ch in enumerate(text):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None
