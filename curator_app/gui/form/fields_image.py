"""Image field: a path or URL, a thumbnail, and "Choose file…" that copies into the content folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui import alerts
from curator_app.gui.form.fields_basic import TextEditor
from curator_app.gui.form.icons import icon

THUMB = 56
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.gif)"


class ImageEditor(TextEditor):
    kind = "image"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.item_dir: Path | None = None  # where relative names resolve (the item's folder)
        self.content_root: Path | None = None  # images must stay inside this folder
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setFrameShape(QLabel.Shape.StyledPanel)
        self.choose_button = QPushButton(icon("fa5s.folder-open"), "Choose file…")
        self.choose_button.clicked.connect(self.choose_file)
        self.row_layout.insertWidget(0, self.thumb)
        self.row_layout.addWidget(self.choose_button)
        self.edit.textEdited.connect(self._update_thumb)

    def set_folders(self, item_dir: Path | None, content_root: Path | None) -> None:
        self.item_dir = item_dir
        self.content_root = content_root or item_dir
        self._update_thumb()

    def _show(self, value: Any) -> None:
        super()._show(value)
        self._update_thumb()

    def resolve(self, text: str) -> Path | None:
        if not text or "://" in text or self.item_dir is None:
            return None
        p = Path(text)
        if text.startswith("/") and self.content_root is not None:
            p = self.content_root / text.lstrip("/")
        elif not p.is_absolute():
            p = self.item_dir / p
        return p.resolve()

    def _inside_root(self, path: Path) -> bool:
        root = (self.content_root or self.item_dir or path.parent).resolve()
        return path == root or root in path.parents

    def validate(self) -> str | None:
        path = self.resolve(self.edit.text().strip())
        if path is not None and not self._inside_root(path):
            return "the image must be inside the content folder"
        return None

    def _update_thumb(self, *_args: Any) -> None:
        text = self.edit.text().strip()
        path = self.resolve(text)
        pix = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if not pix.isNull():
            self.thumb.setPixmap(
                pix.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
            self.thumb.setToolTip(str(path))
            return
        name = "fa5s.globe" if "://" in text else "fa5s.image"
        self.thumb.setPixmap(icon(name, "#9e9e9e").pixmap(THUMB // 2, THUMB // 2))
        self.thumb.setToolTip("Remote image (not loaded)" if "://" in text else f"No image file at {path or text!r}")

    def choose_file(self) -> None:
        start = str(self.item_dir or Path.home())
        chosen = alerts.choose_open_file(self, "Choose image", start, IMAGE_FILTER)
        if chosen is not None:
            self.import_image(chosen)

    def import_image(self, source: Path) -> str:
        """Use ``source`` as the image: copied next to the item unless already in the folder."""
        if self.item_dir is None:
            raise ValueError("the item has no folder")
        source = source.resolve()
        if self._inside_root(source):
            target = source
        else:
            target = self.item_dir / source.name
            n = 1
            while target.exists() and target.read_bytes() != source.read_bytes():
                target = self.item_dir / f"{source.stem}-{n}{source.suffix}"
                n += 1
            if not target.exists():
                shutil.copy2(source, target)
        try:
            text = target.relative_to(self.item_dir.resolve()).as_posix()
        except ValueError:
            text = "/" + target.relative_to((self.content_root or self.item_dir).resolve()).as_posix()
        self.edit.setText(text)
        self._update_thumb()
        self._changed()
        return text
