"""The New Item dialog: title, section, source and the file name it will get.

It only collects input and calls the core (library.archetype, which writes the file in the
archetype's own style); the source's name is guessed from the URL as it is typed
(library.source_site) until the curator types a name of their own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.errors import CuratorError
from curator_app.core.library.archetype import NewItem, create_item, file_name, free_name
from curator_app.core.library.source_site import source_site
from curator_app.gui import theme
from curator_app.gui.a11y import name_buttons, named, plain
from curator_app.gui.library.dialogs import completer

TOP_LEVEL = ""  # the section value of the content root itself
# Wide enough for a headline or a news URL to be read whole (in average characters).
FIELD_CHARS = 90


class NewItemDialog(QDialog):
    """Title, section, source URL and name, category, description and author of a new item."""

    sig_created = Signal(Path)

    def __init__(self, root: Path, item_id: int, categories: list[str], sections: list[str],
                 section: str = TOP_LEVEL, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Item")
        self.setObjectName("newItemDialog")
        self.root, self.item_id = root, item_id
        self.created: Path | None = None
        self._auto_name = ""  # the last guessed source name, replaced while the user keeps it

        self.title = QLineEdit(placeholderText="Headline of the item")
        self.section = QComboBox()
        for name in sections:
            self.section.addItem(f"{name}/", name)
        self.section.addItem("(top level of the content folder)", TOP_LEVEL)
        self.section.setCurrentIndex(max(0, self.section.findData(section)))
        self.url = QLineEdit(placeholderText="https://… (optional)")
        self.site_name = QLineEdit(placeholderText="filled in from the source URL")
        self.category = QLineEdit(placeholderText="Namespace: Topic")
        self.category.setCompleter(completer(categories, self))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)  # Tab moves on; a description has no tabs
        self.description.setPlaceholderText("One or two sentences (optional)")
        self.author = QLineEdit(placeholderText="Your name (optional)")
        self.file_label = QLabel()
        self.file_label.setObjectName("newItemFile")
        self.error = QLabel()
        self.error.setObjectName("newItemError")
        self.error.setWordWrap(True)
        theme.style_text(self.error, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons, {"Create": "Create the item from the archetype and open it"})

        width = self.fontMetrics().averageCharWidth() * FIELD_CHARS
        for edit in (self.title, self.section, self.url, self.site_name, self.category, self.author):
            edit.setMinimumWidth(width)
        self.description.setMinimumWidth(width)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget, str]] = [
            ("&Title", self.title, "Headline shown on the site card, the article and in search results."),
            ("&Section", self.section, "Folder of the content root the item is written into."),
            ("Source &URL", self.url, "Address of the original article."),
            ("Source &name", self.site_name, "Name of the source site (og:site_name), guessed from the URL."),
            ("&Category", self.category, "Topic in 'Namespace: Topic' form."),
            ("&Description", self.description, "Summary for the meta description and the cards."),
            ("&Author", self.author, "The curator's name, shown as the byline."),
        ]
        for text, widget, tip in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setToolTip(tip)
            named(widget, plain(text), tip)
            form.addRow(label, widget)
        form.addRow("File", named(self.file_label, "File", "Where the new item will be written"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        chain = [w for _t, w, _tip in rows] + [self.ok_button, self.cancel_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

        self.title.textChanged.connect(self._update_file)
        self.section.currentIndexChanged.connect(self._update_file)
        self.url.textChanged.connect(self._guess_name)
        buttons.accepted.connect(self.create_from_inputs)
        buttons.rejected.connect(self.reject)
        self._update_file()
        self.title.setFocus()

    def folder(self) -> Path:
        section = self.section.currentData()
        return self.root / section if section else self.root

    def target(self) -> Path:
        """Where the item will be written: its title's slug, made unique in the folder."""
        folder = self.folder()
        return folder / free_name(folder, file_name(self.title.text().strip()))

    def _update_file(self) -> None:
        target = self.target()
        shown = target.relative_to(self.root).as_posix()
        self.file_label.setText(shown if self.title.text().strip() else "(named from the title)")
        self.file_label.setToolTip(str(target))
        self.ok_button.setEnabled(bool(self.title.text().strip()))

    def _guess_name(self) -> None:
        current = self.site_name.text()
        if current and current != self._auto_name:
            return  # the curator's own name stays
        self._auto_name = source_site(self.url.text()).name
        self.site_name.setText(self._auto_name)

    def create_from_inputs(self) -> None:
        title = self.title.text().strip()
        if not title:
            self.error.setText("A title is needed.")
            self.title.setFocus()
            return
        url = self.url.text().strip()
        if url and not source_site(url).domain:
            self.error.setText(f"The source URL has no site in it: {url}")
            self.url.setFocus()
            return
        item = NewItem(title=title, url=url, site_name=self.site_name.text().strip(),
                       category=self.category.text().strip(), author=self.author.text().strip(),
                       description=" ".join(self.description.toPlainText().split()),
                       item_id=self.item_id, section=self.section.currentData())
        try:
            self.created = create_item(self.folder(), item)
        except CuratorError as exc:
            self.error.setText(str(exc))
            return
        self.sig_created.emit(self.created)
        self.accept()
