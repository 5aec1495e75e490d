"""Every icon the GUI names is pre-rendered, so QtAwesome is not imported to show one."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _script():
    spec = importlib.util.spec_from_file_location("render_glyphs", ROOT / "scripts" / "render_glyphs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_named_glyph_has_its_pngs(qapp) -> None:
    from curator_app.gui.form.icons import GLYPH_SIZES, glyph_path

    missing = [str(glyph_path(name, colour, size)) for name, colour in _script().wanted()
               for size in GLYPH_SIZES if not glyph_path(name, colour, size).is_file()]
    assert not missing, "run scripts/render_glyphs.py; missing: " + ", ".join(missing[:5])


def test_showing_icons_does_not_import_qtawesome() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from curator_app.gui.form.icons import icon, severity_icon\n"
        "assert not icon('fa5s.bold').isNull() and not severity_icon('error').isNull()\n"
        "assert not icon('fa5s.image', '#9e9e9e').pixmap(24, 24).isNull()\n"
        "print('qtawesome' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
