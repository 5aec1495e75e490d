"""Clean paste from the shapes real clipboards carry: Word, Google Docs, a news article page."""

from __future__ import annotations

from curator_app.core.paste.clean import clean_pasted_html, clean_pasted_line, quote_style, strip_tracking

WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-family:"Calibri"} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:12.0pt'>Trial results</span></b><span style='font-size:12.0pt'> were
published on <i>Monday</i>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>First point<o:p></o:p></p>
<!--EndFragment--></body></html>"""

GOOGLE_DOCS = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-3f1c2b52-7fff-1e2a-9b0c">
<h2 dir="ltr" style="line-height:1.38;margin-top:18pt"><span style="font-size:16pt;font-family:Arial;font-weight:400">A heading</span></h2>
<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-weight:700;color:#000000">Bold lead</span><span
style="font-size:11pt;font-weight:400"> then </span><span style="font-size:11pt;font-style:italic;font-weight:400">italic</span>
<a href="https://www.example.org/study?utm_source=newsletter&amp;utm_medium=email&amp;id=42" style="text-decoration:none"><span
style="color:#1155cc;text-decoration:underline">the study</span></a>.</p>
<ul style="margin-top:0"><li dir="ltr" style="list-style-type:disc"><p dir="ltr" role="presentation"><span>Item one</span></p></li></ul></b>"""

ARTICLE = """<div class="article-body" data-track="body"><h1 class="headline">Hospitals adopt AI scribes</h1>
<div class="byline"><span class="author">By Jo Reporter</span></div>
<div class="ad-slot"><script>window.ads.push({})</script><iframe src="https://ads.example/x"></iframe></div>
<figure><img src="https://cdn.example.org/photo.jpg" alt="A clinic" srcset="a 1x, b 2x" loading="lazy" data-src="x"></figure>
<p class="lead" onclick="track()">Emergency departments <strong>report</strong> shorter notes.</p>
<blockquote class="pull-quote"><p>&ldquo;It saves hours,&rdquo; said a nurse.</p></blockquote>
<p><a href="https://example.org/related?fbclid=AbC123" rel="nofollow" target="_blank" data-vars-event="click">Related</a></p>
<style>.x{}</style><noscript><img src="https://t.example/pixel.gif"></noscript></div>"""


def test_word_keeps_bold_italic_paragraphs_and_drops_office_markup() -> None:
    out = clean_pasted_html(WORD)
    assert out == (
        "<p><strong>Trial results</strong> were\npublished on <em>Monday</em>.</p>\n"
        "<ul><li>First point</li>\n</ul>"
    )
    for junk in ("Mso", "style", "o:p", "font", "<span", "StartFragment", "Calibri", "·"):
        assert junk not in out


def test_google_docs_styles_become_tags_and_the_fake_bold_wrapper_goes() -> None:
    out = clean_pasted_html(GOOGLE_DOCS)
    assert out.startswith("<h2>A heading</h2>")
    assert "<strong>Bold lead</strong> then <em>italic</em>" in out
    assert '<a href="https://www.example.org/study?id=42">the study</a>' in out
    assert "<ul><li><p>Item one</p></li></ul>" in out
    assert "<strong><h2>" not in out and "docs-internal" not in out


def test_article_page_keeps_structure_and_drops_ads_scripts_tracking() -> None:
    out = clean_pasted_html(ARTICLE)
    assert "<h1>Hospitals adopt AI scribes</h1>" in out
    assert '<img src="https://cdn.example.org/photo.jpg" alt="A clinic">' in out
    assert "<p>Emergency departments <strong>report</strong> shorter notes.</p>" in out
    assert "<blockquote><p>\u201cIt saves hours,\u201d said a nurse.</p></blockquote>" in out
    assert '<a href="https://example.org/related">Related</a>' in out
    for junk in ("script", "iframe", "ads.example", "pixel", "class=", "data-", "onclick", "srcset", "target", "rel="):
        assert junk not in out


def test_tracking_parameters_only() -> None:
    assert strip_tracking("https://a.org/x?utm_campaign=z&page=2#top") == "https://a.org/x?page=2#top"
    assert strip_tracking("https://a.org/x") == "https://a.org/x"


def test_single_line_paste_normalises_spaces_and_follows_the_files_quotes() -> None:
    pasted = "  \u201cGenome\u201d\n plan\u00a0for  the UK\u2019s   NHS \n"
    assert clean_pasted_line(pasted, "straight") == "\"Genome\" plan for the UK's NHS"
    assert clean_pasted_line('"Genome" plan, UK\'s', "curly") == "\u201cGenome\u201d plan, UK\u2019s"
    assert quote_style(["it\u2019s \u201cfine\u201d", "plain"]) == "curly"
    assert quote_style(["it's", "\u2019"]) == "straight"
