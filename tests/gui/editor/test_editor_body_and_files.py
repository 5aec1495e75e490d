"""Source mode for unrepresentable bodies, other fields, dates, disk changes, the serializer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QTextDocument
from support.editor_fixtures import type_at_end_of_title

from curator_app.core.preview.body_html import analyse
from curator_app.gui.body.serialize import body_from_document
from curator_app.gui.form.fields_basic import TextEditor
from curator_app.gui.form.fields_dates import DateEditor, DateTimeEditor
from curator_app.gui.form.form import OTHER_SECTION

TABLE_ITEM = """---
archetype: curated-content
title: Table item
customKey: hello
extra:
  nested: 1
  flag: true
---
<p>Intro</p><table class="t"><tr><td>cell</td></tr></table><p>End</p>
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "item.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_table_body_goes_to_source_mode_and_survives_title_edit(open_pane, tmp_path, qtbot) -> None:
    path = _write(tmp_path, TABLE_ITEM)
    pane, session = open_pane(path)
    body = pane.body
    assert body.mode == "source"
    assert body.notice.isVisible()
    assert "<table> element" in body.notice.text().replace("&lt;", "<").replace("&gt;", ">")
    assert not body.tabs.isTabEnabled(0)
    type_at_end_of_title(qtbot, pane, " 2")
    session.save()
    assert path.read_text(encoding="utf-8") == TABLE_ITEM.replace("title: Table item", "title: Table item 2")


def test_source_tab_edit_reaches_rich_view(open_pane, seed_copy, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    body = pane.body
    body.tabs.setCurrentIndex(1)
    text = body.source.toPlainText().replace("WHY IT MATTERS", "WHY IT COUNTS")
    body.source.setPlainText(text)
    assert session.document.body == text
    body.tabs.setCurrentIndex(0)
    assert "WHY IT COUNTS" in body.rich.toPlainText()
    assert body.mode == "rich"


def test_unknown_keys_show_in_other_fields_and_survive_save(open_pane, tmp_path, qtbot) -> None:
    text = TABLE_ITEM.replace("<table class=\"t\"><tr><td>cell</td></tr></table>", "")
    path = _write(tmp_path, text)
    pane, session = open_pane(path)
    other = pane.form.sections[OTHER_SECTION]
    assert other.is_expanded()
    custom = pane.form.editor("customKey")
    assert isinstance(custom, TextEditor) and other.isAncestorOf(custom)
    nested = pane.form.editor(("extra", "nested"))
    assert nested is not None and other.isAncestorOf(nested)
    custom.edit.setFocus()
    custom.edit.selectAll()
    qtbot.keyClicks(custom.edit, "bye")
    session.save()
    assert path.read_text(encoding="utf-8") == text.replace("customKey: hello", "customKey: bye")


def test_date_pickers_keep_the_file_format(open_pane, seed_copy) -> None:
    pane, session = open_pane(seed_copy)
    date = pane.form.editor("date")
    assert isinstance(date, DateEditor)
    date.picker.setDate(QDate(2021, 6, 1))
    assert session.document.get(("date",)) == "2021-06-01"
    modified = pane.form.editor("lastMod")
    assert isinstance(modified, DateTimeEditor)
    qdt = modified.picker.dateTime().addDays(1)
    modified.picker.setDateTime(qdt)
    assert session.document.get(("lastMod",)) == "2021-05-22T09:52:08.364373Z"
    session.save()
    saved = seed_copy.read_text(encoding="utf-8")
    assert "date: '2021-06-01'\n" in saved
    assert "lastMod: '2021-05-22T09:52:08.364373Z'\n" in saved


def test_external_change_reloads_when_clean_and_asks_when_dirty(open_pane, seed_copy, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8").replace("sub: brief", "sub: feature"), encoding="utf-8")
    session.check_disk()
    assert session.document.get(("sub",)) == "feature"
    status = pane.form.editor("status")
    assert isinstance(status, TextEditor)
    qtbot.keyClicks(status.edit, "x")
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8").replace("sub: feature", "sub: opinion"), encoding="utf-8")
    with qtbot.waitSignal(session.sig_external_change, timeout=2000):
        session.check_disk()
    assert session.document.get(("status",)) == "x"  # unsaved edit kept until the user decides
    session.reload_from_disk()
    assert session.document.get(("sub",)) == "opinion"
    assert not session.is_dirty()


@pytest.mark.parametrize(
    "html",
    [
        '<p>a<em>b</em> <strong><em>c</em></strong></p><h2>Head</h2><blockquote><p>q1</p><p>q2</p></blockquote>'
        '<ol><li>1<ul><li>n1</li><li>n2</li></ul></li><li>2</li></ol><p><img src="i.png" alt="A &amp; B"> &nbsp;x</p>',
        '<p>x</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>y <a href="u?a=1&b=2" title="t">l</a></p>\n',
        "<p>one<br><br>two &lt;three&gt; &amp; four</p>",
    ],
)
def test_serializer_round_trips(qapp, html: str) -> None:
    analysis = analyse(html)
    assert analysis.rich_ok
    doc = QTextDocument()
    doc.setHtml(html.strip())
    assert body_from_document(doc, analysis.style) == html


def test_analyse_lists_what_the_rich_view_cannot_keep() -> None:
    a = analyse('<p class="x">a</p><!-- c --><iframe src="v"></iframe>{{< tweet 1 >}}<my-tag>z</my-tag>')
    assert not a.rich_ok
    assert set(a.reasons) >= {'class="…" attribute on <p>', "HTML comment", "<iframe> element",
                              "Hugo shortcode {{< >}}", "<my-tag> element"}
    assert analyse("Plain *markdown* text").reasons == ["text outside any HTML element (Markdown or plain text)"]


def test_pasting_a_web_page_keeps_structure_only_and_saves_losslessly(open_pane, seed_copy, qtbot) -> None:
    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtGui import QGuiApplication, QTextCursor

    pane, session = open_pane(seed_copy)
    rich = pane.body.rich
    mime = QMimeData()
    mime.setHtml(
        '<div class="story" style="color:red"><h2 class="h">Pasted <span style="font-style:italic">head</span></h2>'
        '<p onclick="t()">See <a href="https://ex.org/a?utm_source=x&amp;k=1" data-track="1">this</a>.</p>'
        "<script>bad()</script></div>"
    )
    mime.setText("Pasted head See this.")
    QGuiApplication.clipboard().setMimeData(mime)
    rich.setFocus()
    rich.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(rich, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Pasted" in session.document.body)
    body = session.document.body
    assert "<h2>Pasted <em>head</em></h2>" in body
    assert '<a href="https://ex.org/a?k=1">this</a>' in body
    for junk in ("style", "class=", "onclick", "script", "utm_", "data-track"):
        assert junk not in body.split("Pasted", 1)[1]
    session.save()
    before, after = seed_copy.read_text(encoding="utf-8").split("\n---\n", 1)[0], session.document.to_bytes()
    assert after.decode().startswith(before)  # the front matter is untouched
