"""Which editor class shows which field, and generic editors for keys the schema does not know."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui.form.base import FieldEditor
from curator_app.gui.form.fields_basic import (
    BoolEditor,
    EnumEditor,
    IntEditor,
    LongTextEditor,
    TextEditor,
    UrlEditor,
)
from curator_app.gui.form.fields_dates import DateEditor, DateTimeEditor, parse_datetime
from curator_app.gui.form.fields_image import ImageEditor
from curator_app.gui.form.fields_list import StringListEditor

EDITORS: dict[str, type[FieldEditor]] = {
    "text": TextEditor,
    "longtext": LongTextEditor,
    "url": UrlEditor,
    "int": IntEditor,
    "bool": BoolEditor,
    "enum": EnumEditor,
    "date": DateEditor,
    "datetime": DateTimeEditor,
    "strings": StringListEditor,
    "image": ImageEditor,
}


def widget_for_value(value: Any) -> str:
    """The widget kind a value without a schema entry gets."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list):
        return "strings" if all(isinstance(v, str) for v in value) else "map"
    if isinstance(value, str):
        if "\n" in value or len(value) > 120:
            return "longtext"
        if value.startswith(("http://", "https://")):
            return "url"
        if parse_datetime(value):
            return "datetime"
    return "text"


def make_editor(key: KeyPath, field: Field | None, value: Any, parent: QWidget | None = None) -> FieldEditor:
    kind = field.widget if field is not None else widget_for_value(value)
    # A field whose value does not fit its widget (a list where text was expected) gets
    # the generic editor for its value, so nothing is flattened by just opening the form.
    if value is not None and kind != "map":
        fits = {
            "strings": isinstance(value, list) and all(isinstance(v, str | type(None)) for v in value),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
        }.get(kind, isinstance(value, str | dt.date))
        if not fits:
            kind = widget_for_value(value)
    if kind == "map":
        from curator_app.gui.form.fields_map import MapEditor

        return MapEditor(key, field, parent)
    return EDITORS.get(kind, TextEditor)(key, field, parent)
