"""The front-matter form: schema groups as collapsible sections, one editor per field.

Edits go to the DocumentSession (one undo step per field while typing); after any change
the form reloads only the editors whose value differs, so the field being typed in keeps
its cursor. Linked groups and lint findings are shown next to their fields.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from curator_app.core.algebra.keypath import format_key
from curator_app.core.document.document import KeyPath
from curator_app.core.lint.findings import Finding
from curator_app.core.schema.infer import schema_for
from curator_app.core.schema.linked import (
    LinkedGroup,
    linked_groups,
    moved_url,
    update_linked,
    url_change_note,
)
from curator_app.core.schema.schema import Field, Schema
from curator_app.gui import theme
from curator_app.gui.a11y import operable
from curator_app.gui.form import field_drag, field_tools
from curator_app.gui.form.base import FieldEditor
from curator_app.gui.form.factory import make_editor
from curator_app.gui.form.fields_image import ImageEditor
from curator_app.gui.form.fields_map import MapEditor
from curator_app.gui.form.icons import severity_icon
from curator_app.gui.form.label import field_label
from curator_app.gui.form.linked_ui import DivergencePanel, LinkedBadge, LinkedPrompt
from curator_app.gui.form.section import Section
from curator_app.gui.session import DocumentSession

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
OTHER_SECTION = "other_fields"


def _shape(schema: Schema, unknown: list[KeyPath]) -> tuple[object, ...]:
    """What decides which rows the form has; when it changes, the form is rebuilt."""
    return schema.name, tuple(f.key for g in schema.groups for f in g.fields), tuple(unknown)


class FieldRow(QWidget):
    """Editor + finding icon + linked badge, with the linked prompt and divergences below."""

    def __init__(
        self, key: KeyPath, field: Field | None, editor: FieldEditor, section: Section, embed: bool = True
    ) -> None:
        super().__init__()
        self.key = key
        self.field = field
        self.editor = editor
        self.section = section
        self.was_absent = False
        self.label: QLabel | None = None
        self.finding_icon = QLabel()
        self.finding_icon.setObjectName("findingIcon")
        self.finding_icon.hide()
        self.badge: LinkedBadge | None = None
        self.prompt: LinkedPrompt | None = None
        self.divergence: DivergencePanel | None = None
        self.handle: field_drag.DragHandle | None = None
        self.link_old: Any = None  # value before the current linked edit began
        self.link_editing = False
        self.top = QHBoxLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        if embed:  # a sub-form leaf stays in its map's layout; this row only tracks it
            self.top.addWidget(editor, 1)
        self.top.addWidget(self.finding_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(2)
        self.box.addLayout(self.top)

    def add_handle(self, key: str) -> None:
        self.handle = field_drag.DragHandle(key)
        self.top.insertWidget(0, self.handle, 0, Qt.AlignmentFlag.AlignTop)

    def ensure_badge(self) -> LinkedBadge:
        if self.badge is None:
            self.badge = LinkedBadge()
            self.top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        return self.badge

    def ensure_prompt(self) -> LinkedPrompt:
        if self.prompt is None:
            self.prompt = LinkedPrompt()
            self.box.insertWidget(1, self.prompt)
        return self.prompt

    def ensure_divergence(self) -> DivergencePanel:
        if self.divergence is None:
            self.divergence = DivergencePanel()
            self.box.addWidget(self.divergence)
        return self.divergence

    def show_findings(self, findings: list[Finding]) -> None:
        if not findings:
            self.finding_icon.hide()
            self.finding_icon.setToolTip("")
            return
        worst = min(findings, key=lambda f: SEVERITY_RANK.get(f.severity, 3))
        self.finding_icon.setPixmap(severity_icon(worst.severity).pixmap(16, 16))
        self.finding_icon.setToolTip("\n".join(f"{f.severity}: {f.message} [{f.code}]" for f in findings))
        self.finding_icon.show()


def _tab_stops(parent: QWidget) -> list[QWidget]:
    return [w for w in parent.findChildren(QWidget) if operable(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class FormView(QScrollArea):
    sig_field_focused = Signal(tuple)
    sig_focus_chain_changed = Signal(QWidget)  # the form's last control: Tab goes on from it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontMatterForm")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.session: DocumentSession | None = None
        self.schema: Schema | None = None
        self.rows: dict[KeyPath, FieldRow] = {}
        self.sections: dict[str, Section] = {}
        self._groups: dict[str, LinkedGroup] = {}
        self._completions: dict[KeyPath, list[str]] = {}
        self._linked_timer = QTimer(self, singleShot=True, interval=200)
        self._linked_timer.timeout.connect(self.refresh_linked)
        self._focused: KeyPath | None = None
        self._pending: dict[str, list[tuple[KeyPath, Field | None]]] = {}
        self._findings: list[Finding] = []
        self._unknown: list[KeyPath] = []
        self._shape: tuple[object, ...] = ()
        self.editor_filter: QObject | None = None  # installed on editors as they are built
        self._focus_chain: list[QWidget] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # --- building -----------------------------------------------------------------------

    def open_session(self, session: DocumentSession) -> None:
        self.session = session
        doc = session.document
        self.schema = schema_for(doc)
        self.rows.clear()
        self.sections.clear()
        self._findings = []
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        plan: list[tuple[Section, list[tuple[KeyPath, Field | None]]]] = []
        for i, group in enumerate(self.schema.groups):
            if group.fields:
                section = Section(group.name, group.label, expanded=i == 0)
                plan.append((section, [(f.key, f) for f in group.fields]))
        unknown = self.schema.unknown_keys(doc)
        self._unknown = unknown
        self._shape = _shape(self.schema, unknown)
        # Always there: any item can be given a field of any name, even one outside the schema.
        # A free-form item has every key in the form already: this section only holds the tools.
        title = "Add, remove or reorder fields" if self._free_form() else f"Other fields ({len(unknown)})"
        section = Section(OTHER_SECTION, title, expanded=bool(unknown) or not plan or self._free_form())
        section.header.setToolTip("Keys this content type does not describe; they are kept as they are.")
        self.field_bar = field_tools.FieldBar()
        self.field_bar.add_button.clicked.connect(self.add_field)
        self.field_bar.remove_button.clicked.connect(self.remove_field)
        self.field_bar.up_button.clicked.connect(lambda: self.move_field(-1))
        self.field_bar.down_button.clicked.connect(lambda: self.move_field(1))
        self.field_bar.remove_button.setEnabled(bool(self._removable()))
        section.form.addRow(self.field_bar)
        plan.append((section, [(k, None) for k in unknown]))
        for section, fields in plan:
            self.sections[section.name] = section
            self._pending[section.name] = fields
            section.on_first_expand = self._build_section
            layout.addWidget(section)
            if section.is_expanded():
                self._build_section(section, initial=True)
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:  # the previous document's form goes after this event, not now
            old.hide()
            old.deleteLater()
        self.setWidget(container)
        self.refresh_linked()

    def _build_section(self, section: Section, initial: bool = False) -> None:
        """Create a section's editors (collapsed sections wait until they are opened)."""
        if section.built or self.session is None:
            return
        section.built = True
        doc = self.session.document
        for key, field in self._pending.pop(section.name, []):
            self._add_row(section, key, field, doc.get(key))
        if self._drag_rows(section):
            field_drag.DropArea(section.body, partial(self._drag_rows, section), partial(self._drop_field, section))
        for key, values in self._completions.items():
            row = self.rows.get(key)
            if row is not None and row.section is section:
                row.editor.set_completions(values)
        if self.editor_filter is not None:
            for w in section.body.findChildren(QWidget):
                w.installEventFilter(self.editor_filter)
        if not initial:
            self.refresh_linked()
            self.show_findings(self._findings)

    def _order_focus(self) -> None:
        """Tab follows the form top to bottom. Controls made after the form (a section
        opened later, a linked badge, a prompt, "Make same") join the focus chain at its
        end; the form's widget tree holds them in reading order (sections in order, a
        field's own controls, then its badge, then what shows below it)."""
        container = self.widget()
        if container is None:
            return
        # Completer popups are windows of their own.
        stops = [w for w in _tab_stops(container) if w.window() is container.window()]
        if stops == self._focus_chain:
            return
        self._focus_chain = stops
        for a, b in itertools.pairwise(stops):
            QWidget.setTabOrder(a, b)
        self.sig_focus_chain_changed.emit(stops[-1] if stops else self)

    def ensure_built(self) -> None:
        for section in self.sections.values():
            self._build_section(section)

    def _add_row(self, section: Section, key: KeyPath, field: Field | None, value: Any) -> None:
        editor = make_editor(key, field, value)
        editor.setObjectName("field_" + format_key(key))
        if isinstance(editor, ImageEditor) and self.session is not None:
            path = self.session.document.path
            editor.set_folders(path.parent if path else None, self.session.content_root)
        editor.load(value)
        row = FieldRow(key, field, editor, section)
        row.was_absent = self.session is not None and not self.session.document.has(key)
        text = field.label if field else (format_key(key))
        label = field_label(text, " *" if field and field.required else "")
        label.setBuddy(editor.focus_target())
        tip = (field.help if field else "Not described by the schema; kept as it is.") + f"\n\nKey: {format_key(key)}"
        label.setToolTip(f"{text}\n\n{tip}" if label.toolTip() else tip)
        editor.setToolTip(tip)
        editor.describe(text, tip)
        if row.was_absent:
            theme.style_text(label, "muted")
        row.label = label
        if len(key) == 1 and isinstance(key[0], str) and key[0] in self._movable():
            row.add_handle(key[0])
        section.form.addRow(label, row)
        if isinstance(editor, MapEditor):
            editor.sig_child_edited.connect(self._commit)
            for leaf_key, leaf in editor.leaves.items():
                self.rows[leaf_key] = FieldRow(leaf_key, None, leaf, section, embed=False)
            self.rows.setdefault(key, row)
        else:
            editor.sig_edited.connect(lambda e=editor: self._commit(e))
            self.rows[key] = row

    # --- editing ------------------------------------------------------------------------

    def _commit(self, editor: FieldEditor) -> None:
        session = self.session
        if session is None:
            return
        row = self.rows.get(editor.key)
        problem = editor.validate()
        theme.style(editor, lambda: f"QLineEdit {{ border: 1px solid {theme.tone('error').name()}; }}" if problem else "")
        if problem:
            editor.focus_target().setToolTip(problem)
            return
        value = editor.value()
        doc = session.document
        key = editor.key
        if row is not None and row.field is not None and row.field.linked and not row.link_editing:
            row.link_old = doc.get(key)
            row.link_editing = True
        editor.committed(value)
        if value in (None, "", []) and (row is None or row.was_absent or not doc.has(key)):
            # Emptying a field the file did not have removes it again instead of writing null.
            if doc.has(key):
                session.delete_value(key)
            return
        session.set_value(key, value)
        if row is not None and row.link_editing:
            self._linked_timer.start()

    def refresh(self) -> None:
        """Reload editors from the document (after an edit elsewhere, undo, redo, reload)."""
        if self.session is None:
            return
        doc = self.session.document
        if self.schema is not None:
            schema = schema_for(doc)
            if _shape(schema, schema.unknown_keys(doc)) != self._shape:
                self._rebuild()  # a field was added, removed or moved (or an undo did that)
                return
        for key, row in self.rows.items():
            if isinstance(row.editor, MapEditor):
                continue
            row.editor.load(doc.get(key))
        self._linked_timer.start()

    def _rebuild(self) -> None:
        if self.session is None:
            return
        expanded = {name for name, s in self.sections.items() if s.is_expanded()}
        scroll = self.verticalScrollBar().value()
        focused = self._focused
        # The old editors live until deleteLater runs; a focus change then must not commit them.
        for row in self.rows.values():
            row.editor.blockSignals(True)
        self.open_session(self.session)
        for name, section in self.sections.items():
            section.set_expanded(name in expanded or (name == OTHER_SECTION and bool(self._unknown)))
        self.verticalScrollBar().setValue(scroll)
        self.show_findings(self._findings)
        if focused is not None and focused in self.rows:
            self.focus_field(focused)

    # --- any field ----------------------------------------------------------------------

    def _free_form(self) -> bool:
        """No content type describes this item: its fields are simply the keys it has."""
        return self.schema is not None and self.schema.name == "inferred"

    def _removable(self) -> list[KeyPath]:
        """The fields the form may remove and reorder: any key of a free-form item, else the unknown ones."""
        if self.session is not None and self._free_form():
            return [(k,) for k in self.session.document.data]
        return list(self._unknown)

    def add_field(self) -> None:
        if self.session is None or self.session.read_only:
            return
        key = field_tools.ask_add_field(self, self.session)
        if key is not None:
            self.focus_field((key,))

    def remove_field(self) -> None:
        if self.session is None or self.session.read_only:
            return
        current = self.row_for(self._focused) if self._focused else None
        field_tools.ask_remove_field(self, self.session, self._removable(), current.key if current else None)

    def _movable(self) -> list[str]:
        """The top-level keys the move buttons and drag handles reorder, in file order."""
        return [k[0] for k in self._removable() if len(k) == 1 and isinstance(k[0], str)]

    def move_field(self, step: int) -> None:
        """Move the focused field past its neighbour among the movable ones (step -1 up, 1 down)."""
        if self.session is None or self.session.read_only or not self._focused:
            return
        top = self._movable()
        key = self._focused[0]
        if isinstance(key, str) and key in top:
            field_tools.move(self, self.session, key, step, top)

    def _drag_rows(self, section: Section) -> list[tuple[str, QWidget]]:
        return [
            (row.handle.key, row)
            for row in self.rows.values()
            if row.section is section and row.handle is not None and row.label is not None
        ]

    def _drop_field(self, section: Section, key: str, before: str | None) -> None:
        """A field's row dropped in ``section`` just above ``before``'s row (None: below the last)."""
        if self.session is None or self.session.read_only:
            return
        top = self._movable()
        rows = [k for k, _w in self._drag_rows(section)]
        if key not in top or not rows:
            return
        if before is None:  # below this section's last row: before whatever follows it in the file
            rest = [k for k in top if k != key]
            last = rows[-1] if rows[-1] != key else (rows[-2] if len(rows) > 1 else None)
            after = rest.index(last) + 1 if last is not None else 0
            before = rest[after] if after < len(rest) else None
        step = field_drag.step_to(top, key, before)
        if step:
            self._focused = (key,)
            field_tools.move(self, self.session, key, step, top)

    def refresh_linked(self) -> None:
        """Badges, divergences and pending prompts for the linked groups."""
        if self.session is None:
            return
        doc = self.session.document
        groups = linked_groups(doc)
        self._groups = {g.name: g for g in groups}
        for group in groups:
            if len(group.copies) < 2:
                continue  # a fact stored once has no copies to show or keep in step
            primary = self.rows.get(group.primary)
            primary_label = self.label_of(group.primary)
            for k in group.copies:
                row = self.rows.get(k)
                if row is None or row.label is None:
                    continue
                row.ensure_badge().show_group(group, primary_label, k == group.primary, self.label_of)
                if k == group.primary and (row.divergence is not None or not group.agree):
                    panel = row.ensure_divergence()
                    panel.show_group(group, self.label_of)
                    if not getattr(panel, "_wired", False):
                        panel.sig_make_same.connect(self.make_same)
                        panel._wired = True  # type: ignore[attr-defined]
            if primary is not None:
                self._update_prompt(primary)
        for row in self.rows.values():
            if row.link_editing and row.key not in {g.primary for g in groups}:
                self._update_prompt(row)
        self._order_focus()

    def _update_prompt(self, row: FieldRow) -> None:
        if self.session is None or not row.link_editing:
            return
        doc = self.session.document
        new = doc.get(row.key)
        if new == row.link_old:
            if row.prompt is not None:
                row.prompt.hide()
            return
        # Dry run on the document itself, then put it back exactly as it was.
        state = doc.snapshot()
        try:
            doc.set(row.key, row.link_old)
            moved = moved_url(doc, row.key, new)
            changed = [k for k in update_linked(doc, row.key, new) if k != row.key]
        finally:
            doc.restore(state)
        if not changed:
            if row.prompt is not None:
                row.prompt.hide()
            return
        if row.prompt is None:
            prompt = row.ensure_prompt()
            prompt.sig_accept.connect(lambda r=row: self.accept_linked(r))
            prompt.sig_dismiss.connect(lambda r=row: self.dismiss_linked(r))
        row.ensure_prompt().offer(changed, self.label_of, url_change_note(moved) if moved else "")
        self._order_focus()

    def accept_linked(self, row: FieldRow) -> None:
        if self.session is None:
            return
        old, key = row.link_old, row.key
        new = self.session.document.get(key)

        def change(doc: Any) -> None:
            doc.set(key, old)
            update_linked(doc, key, new)

        self.session.end_merge()
        self.session.edit(f"Update copies of {format_key(key)}", change)
        self.dismiss_linked(row)

    def dismiss_linked(self, row: FieldRow) -> None:
        row.link_editing = False
        row.link_old = None
        if row.prompt is not None:
            # The bar's button had the focus: hiding it would pass the focus down the chain
            # (to the library's search box), away from the field the curator was editing.
            focused = QApplication.focusWidget()
            answered_here = focused is not None and row.prompt.isAncestorOf(focused)
            row.prompt.hide()
            if answered_here:
                row.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def make_same(self, key: KeyPath, value: Any) -> None:
        if self.session is not None:
            self.session.end_merge()
            self.session.edit(f"Make {format_key(key)} same", lambda d: d.set(key, value))

    # --- findings, focus, completions -----------------------------------------------------

    def row_for(self, key: KeyPath, labelled: bool = True) -> FieldRow | None:
        """The row showing ``key`` or its nearest ancestor; labelled=False allows sub-form leaves."""
        key = tuple(key)
        while key:
            row = self.rows.get(key)
            if row is not None and (row.label is not None or not labelled):
                return row
            key = key[:-1]
        return None

    def show_findings(self, findings: list[Finding]) -> None:
        self._findings = findings
        per_row: dict[KeyPath, list[Finding]] = {}
        for f in findings:
            row = self.row_for(f.field) if f.field else None
            if row is not None:
                per_row.setdefault(row.key, []).append(f)
        for key, row in self.rows.items():
            row.show_findings(per_row.get(key, []))

    def focus_field(self, key: KeyPath) -> bool:
        for section in self.sections.values():
            if any(tuple(key)[: len(k)] == k for k, _f in self._pending.get(section.name, [])):
                section.set_expanded(True)
        row = self.row_for(key, labelled=False)
        if row is None:
            return False
        row.section.set_expanded(True)
        target = row.editor.focus_target()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(row.editor, 40, 60)
        return True

    def focus_current(self) -> bool:
        """The field last focused, else the first one (View ▸ Focus Editor)."""
        key = self._focused if self._focused in self.rows else next(iter(self.rows), None)
        return key is not None and self.focus_field(key)

    def set_completions(self, key: KeyPath, values: list[str]) -> None:
        self._completions[tuple(key)] = list(values)
        row = self.rows.get(tuple(key))
        if row is not None:
            row.editor.set_completions(list(values))

    def label_of(self, key: KeyPath) -> str:
        field = self.schema.field(tuple(key)) if self.schema is not None else None
        return field.label if field is not None else format_key(key)

    def editor(self, key: KeyPath | str) -> FieldEditor | None:
        """The editor of a key ("title" or ("htmlMetaData", "ogtitle"))."""
        k = tuple(key.split(".")) if isinstance(key, str) else tuple(key)
        row = self.rows.get(k)
        return row.editor if row is not None else None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or self.session is None or not self.isAncestorOf(new):
            return
        for key, row in self.rows.items():
            if row.editor.isAncestorOf(new):
                if key != self._focused:
                    self._focused = key
                    self.session.end_merge()
                    self.sig_field_focused.emit(key)
                return
