"""A collapsible group of form rows: a header button and a body with a form layout."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QToolButton, QVBoxLayout, QWidget

from curator_app.gui.a11y import named


class Section(QWidget):
    def __init__(self, name: str, label: str, expanded: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"section_{name}")
        self.header = QToolButton()
        self.header.setText(label)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(self.header.sizePolicy().horizontalPolicy().Expanding,
                                  self.header.sizePolicy().verticalPolicy())
        self.header.setAutoRaise(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        named(self.header, label, f"Show or hide the {label} fields")
        self.header.toggled.connect(self.set_expanded)
        self.on_first_expand: Callable[[Section], None] | None = None  # builds rows lazily
        self.built = False
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(18, 2, 4, 8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # A field too wide to sit beside its label (a large system font, a narrow pane)
        # goes under it instead of being cut off.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.header.setChecked(expanded)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def set_expanded(self, expanded: bool) -> None:
        if expanded and not self.built and self.on_first_expand is not None:
            self.on_first_expand(self)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        if self.header.isChecked() != expanded:
            self.header.setChecked(expanded)

    def is_expanded(self) -> bool:
        return self.header.isChecked()
