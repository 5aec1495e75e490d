"""Body rendering: Markdown and raw HTML as Hugo publishes them, then made inert."""

from __future__ import annotations

from curator_app.core.preview.body_render import markdown_to_html, render_body


def test_markdown_and_raw_html_both_render() -> None:
    html = render_body("# Head\n\nSome *em* and <strong>raw</strong>.\n\n<p>Block</p>\n")
    assert "<h1>Head</h1>" in html and "<em>em</em>" in html
    assert "<strong>raw</strong>" in html and "<p>Block</p>" in html


def test_raw_html_passes_through_before_sanitizing() -> None:
    assert "<script>" in markdown_to_html("<script>x()</script>\n")


def test_scripts_handlers_frames_and_js_links_are_removed() -> None:
    hostile = (
        '<p onclick="steal()">Hi</p><script>document.title="x"</script>'
        '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a>'
        '<iframe src="https://example.org"></iframe><img src="x.png" onerror="alert(1)">'
        "<style>body{background:url(https://example.org/t)}</style>"
        '<p style="background:url(https://example.org/t)">s</p><object data="x"></object>'
        '<meta http-equiv="refresh" content="0;url=https://example.org"><base href="https://e.org/">'
    )
    out = render_body(hostile, lambda src: "curator-img:local/" + src)
    lowered = out.lower()
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "<style",
        "style=",
        "<object",
        "<meta",
        "<base",
        "example.org/t",
    ):
        assert bad not in lowered, bad
    assert '<img src="curator-img:local/x.png">' in out
    assert "Hi" in out


def test_images_without_resolver_lose_their_source() -> None:
    assert "src=" not in render_body('<img src="https://example.org/a.png">')


def test_web_links_stay() -> None:
    out = render_body('<a href="https://example.org/a">x</a> [y](/rel)')
    assert 'href="https://example.org/a"' in out and 'href="/rel"' in out
