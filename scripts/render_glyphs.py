"""Render the QtAwesome glyphs the GUI uses to PNGs under resources/icons/glyphs/.

QtAwesome takes longer to import than the rest of the editor together (it loads qtpy,
which imports further Qt modules, and builds its font tables), and the editor needs its
icons before the first item can show. The app loads these PNGs instead; QtAwesome stays
the source of the glyphs, and the fallback for a name not rendered here.

Run: .venv/bin/python scripts/render_glyphs.py   (rerun after using a new icon name)
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import qtawesome  # noqa: E402
from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from curator_app.gui.form.icons import EXTRA_COLOURED, GLYPH_SIZES, SEVERITY_ICONS, glyph_path  # noqa: E402

_NAME = re.compile(r"""["']((?:fa5s|fa5r|fa5b|mdi6|mdi)\.[\w-]+)["']""")


def used_names() -> set[str]:
    """Every icon name written in the GUI's source."""
    names: set[str] = set()
    for path in (ROOT / "curator_app").rglob("*.py"):
        names.update(_NAME.findall(path.read_text(encoding="utf-8")))
    return names


def wanted() -> list[tuple[str, str | None]]:
    plain = [(name, None) for name in sorted(used_names())]
    return plain + sorted(set(SEVERITY_ICONS.values()) | set(EXTRA_COLOURED))


def main() -> int:
    _app = QApplication(sys.argv[:1])
    for name, colour in wanted():
        icon = qtawesome.icon(name, color=colour) if colour else qtawesome.icon(name)
        for size in GLYPH_SIZES:
            out = glyph_path(name, colour, size)
            out.parent.mkdir(parents=True, exist_ok=True)
            if not icon.pixmap(QSize(size, size)).save(str(out)):
                raise SystemExit(f"{out}: could not write")
        print(f"rendered {name} {colour or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
