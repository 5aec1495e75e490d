"""Markdown bodies: detection, the toolbar's Markdown edits, shortcodes labelled in the preview."""

from __future__ import annotations

from pathlib import Path

from curator_app.core.document.document import Document
from curator_app.core.preview import markdown_body as md
from curator_app.core.preview.body_html import analyse
from curator_app.core.preview.body_render import render_body


def test_markdown_and_html_bodies_are_told_apart() -> None:
    assert md.is_markdown(analyse("# Head\n\nSome **bold** text.\n"))
    assert not md.is_markdown(analyse("<p>Some <strong>bold</strong></p>\n"))
    assert not md.is_markdown(analyse('<p>Intro</p><table class="t"><tr><td>x</td></tr></table>\n'))


def test_wrap_toggles_and_keeps_whitespace_outside() -> None:
    assert md.wrap_inline("word", "**") == ("**word**", 2, 6)
    assert md.wrap_inline("**word**", "**") == ("word", 0, 4)
    assert md.wrap_inline(" two words ", "*") == (" *two words* ", 2, 11)
    assert md.wrap_inline("", "**") == ("****", 2, 2)
    # Italic on a bold word adds emphasis rather than stripping a bold star.
    assert md.wrap_inline("**x**", "*")[0] == "***x***"


def test_line_markers_replace_toggle_and_number() -> None:
    assert md.prefix_lines("Title", "## ") == "## Title"
    assert md.prefix_lines("## Title", "## ") == "Title"
    assert md.prefix_lines("# Title", "## ") == "## Title"
    assert md.prefix_lines("a\n\nb", "1. ") == "1. a\n\n2. b"
    assert md.prefix_lines("- a\n- b", "1. ") == "1. a\n2. b"
    assert md.prefix_lines("> q", "> ") == "q"
    assert md.prefix_lines("### h", "") == "h"


def test_links_and_images() -> None:
    assert md.link("the report", "https://e.org/r", 'A "title"') == '[the report](https://e.org/r "A \\"title\\"")'
    assert md.link("", "https://e.org/a b") == "[https://e.org/a b](<https://e.org/a b>)"
    assert md.image("pics/a.jpg", "Alt") == "![Alt](pics/a.jpg)"


def test_preview_labels_shortcodes_but_not_code() -> None:
    body = (
        'Read {{< ref "other.md" >}} first and `{{< raw >}}` here.\n'
        '{{< figure src="a.jpg" title="<b>x</b>" >}}\n'
        "After.\n\n```\n{{% keep %}}\n```\n{{% note %}}\nInside\n{{% /note %}}\n"
    )
    html = render_body(body)
    assert '<div class="hugo-shortcode">shortcode: figure src="a.jpg" title="&lt;b&gt;x&lt;/b&gt;"</div>' in html
    assert '<span class="hugo-shortcode">shortcode: ref "other.md"</span>' in html
    assert "<code>{{&lt; raw &gt;}}</code>" in html and "{{% keep %}}" in html
    assert "end of shortcode: note" in html and "<p>After.</p>" in html
    # A class the body writes itself is not kept: only the preview's own boxes have one.
    assert "class" not in render_body('<div class="evil">x</div>\n')


def test_hugo_docs_page_renders_shortcodes_as_labels(corpus_dir: Path) -> None:
    path = corpus_dir / "gohugoio__hugo/docs/content/en/hugo-modules/use-modules.md"
    doc = Document.load(path)
    html = render_body(str(doc.body))
    assert 'class="hugo-shortcode">shortcode: ' in html
