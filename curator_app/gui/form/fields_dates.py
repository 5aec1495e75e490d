"""Date and date-time pickers that write the value back in the file's own format.

The seed stores dates as quoted strings ('2021-05-21', '2021-05-21T09:52:08.364373Z',
'2021-05-21T01:04:14-04:00'). A picker edits the calendar part and writes a string with
the same separator, fraction digits and zone suffix; a YAML date object stays a date
object. Sub-second digits the picker cannot show are carried over unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui.form.base import FieldEditor

NULL_DATE = QDate(1900, 1, 1)
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


@dataclass(frozen=True)
class DateTimeShape:
    """How a date-time string is written, minus the calendar values."""

    sep: str = "T"
    seconds: bool = True
    fraction: str = ""  # ".364373" kept as it was
    zone: str = ""  # "Z", "-04:00" or ""

    def format(self, value: QDateTime) -> str:
        d, t = value.date(), value.time()
        out = f"{d.year():04d}-{d.month():02d}-{d.day():02d}{self.sep}{t.hour():02d}:{t.minute():02d}"
        if self.seconds:
            out += f":{t.second():02d}{self.fraction}"
        return out + self.zone


def parse_datetime(text: str) -> tuple[QDateTime, DateTimeShape] | None:
    m = _DATETIME.match(text.strip())
    if not m:
        return None
    y, mo, d, sep, h, mi, s, frac, zone = m.groups()
    qdt = QDateTime(QDate(int(y), int(mo), int(d)), QTime(int(h), int(mi), int(s or 0)))
    if not qdt.isValid():
        return None
    return qdt, DateTimeShape(sep, s is not None, frac or "", zone or "")


class DateEditor(FieldEditor):
    kind = "date"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.picker = QDateEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        self.picker.setMinimumDate(NULL_DATE)
        self.picker.setSpecialValueText("null")
        self.picker.dateChanged.connect(self._changed)
        self.picker.editingFinished.connect(self.sig_done)
        self.row_layout.addWidget(self.picker)
        self.row_layout.addStretch(1)
        self._as_object = False

    def _show(self, value: Any) -> None:
        self._as_object = isinstance(value, dt.date)
        if isinstance(value, dt.date):
            self.picker.setDate(QDate(value.year, value.month, value.day))
            return
        date = QDate.fromString(str(value or "")[:10], "yyyy-MM-dd")
        self.picker.setDate(date if date.isValid() else NULL_DATE)

    def value(self) -> Any:
        date = self.picker.date()
        if date == NULL_DATE:
            return None
        if self._as_object:
            return dt.date(date.year(), date.month(), date.day())
        text = date.toString("yyyy-MM-dd")
        old = self.loaded_value
        # Keep whatever followed the date ('2021-05-21T00:00' stays a date-time string).
        if isinstance(old, str) and len(old) > 10 and QDate.fromString(old[:10], "yyyy-MM-dd").isValid():
            text += old[10:]
        return text

    def validate(self) -> str | None:
        return None

    def focus_target(self) -> QWidget:
        return self.picker


class DateTimeEditor(FieldEditor):
    kind = "datetime"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.picker = QDateTimeEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.picker.setMinimumDate(NULL_DATE)
        self.picker.setSpecialValueText("null")
        self.picker.dateTimeChanged.connect(self._changed)
        self.picker.editingFinished.connect(self.sig_done)
        self.row_layout.addWidget(self.picker)
        self.row_layout.addStretch(1)
        self.shape = DateTimeShape(zone="Z")
        self._as_object = False

    def _show(self, value: Any) -> None:
        self._as_object = isinstance(value, dt.datetime)
        if isinstance(value, dt.datetime):
            self.picker.setDateTime(QDateTime(QDate(value.year, value.month, value.day),
                                              QTime(value.hour, value.minute, value.second)))
            return
        parsed = parse_datetime(str(value)) if value else None
        if parsed is None:
            self.picker.setDateTime(QDateTime(NULL_DATE, QTime(0, 0)))
            if value:
                self.picker.setToolTip(f"Unrecognised date-time: {value!r}")
            return
        qdt, self.shape = parsed
        self.picker.setDateTime(qdt)

    def value(self) -> Any:
        qdt = self.picker.dateTime()
        if qdt.date() == NULL_DATE:
            return None if self.loaded_value is None or parse_datetime(str(self.loaded_value)) else self.loaded_value
        if self._as_object and isinstance(self.loaded_value, dt.datetime):
            d, t = qdt.date(), qdt.time()
            return self.loaded_value.replace(
                year=d.year(), month=d.month(), day=d.day(), hour=t.hour(), minute=t.minute(), second=t.second()
            )
        return self.shape.format(qdt)

    def focus_target(self) -> QWidget:
        return self.picker
