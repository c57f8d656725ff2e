"""HTML pages: article text and metadata, and refusal of pages without an article."""

from __future__ import annotations

from pathlib import Path

from parley.errors import InputError
from parley.ingest import read_document, read_inputs
from parley.records import Document
from parley.settings import Settings

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers meet in Geneva | The Harbour Gazette</title>
<meta property="og:title" content="Ministers meet in Geneva">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:url" content="https://gazette.example.org/world/ministers-meet-geneva">
<meta property="article:published_time" content="2026-03-05T10:00:00Z">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Ministers meet in Geneva</h1>
<p>The foreign ministers of two neighbouring states met in Geneva on Thursday to discuss a
ceasefire along their shared border.</p>
<p>Officials said the talks lasted six hours and ended with an agreement to exchange prisoners
before the end of the month.</p>
<p>A spokesperson for the host government welcomed the meeting and urged both delegations to
keep talking.</p>
</article>
<footer><p>All rights reserved by the publisher of this example page.</p></footer>
</body>
</html>
"""


def test_html_article_gives_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "geneva.html"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = read_document(path)
    assert doc.doc_id == "geneva"
    assert doc.title == "Ministers meet in Geneva"
    assert (doc.date, doc.date_source) == ("2026-03-05", "metadata")
    assert doc.source == "The Harbour Gazette"
    assert doc.url == "https://gazette.example.org/world/ministers-meet-geneva"
    assert "agreement to exchange prisoners" in doc.text
    assert "<p>" not in doc.text and "Home" not in doc.text
    assert doc.path == str(path)


def test_html_without_date_uses_the_date_option(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    page = ARTICLE.replace(
        '<meta property="article:published_time" content="2026-03-05T10:00:00Z">', ""
    )
    path.write_text(page, encoding="utf-8")
    (doc,) = read_document(path, Settings(default_date="2026-04-01"))
    assert (doc.date, doc.date_source) == ("2026-04-01", "option")


def test_truncated_html_gives_one_line_error(tmp_path: Path) -> None:
    cut = ARTICLE.index("<p>The foreign ministers") + len("<p")  # inside the first body tag
    bad = tmp_path / "truncated.html"
    bad.write_text(ARTICLE[:cut], encoding="utf-8")
    good = tmp_path / "whole.html"
    good.write_text(ARTICLE, encoding="utf-8")
    items = list(read_inputs([bad, good]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.code for e in errors] == ["E008"]
    assert errors[0].line().startswith(f"{bad}: HTML has no extractable article text")
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["whole"]


def test_html_with_only_markup_gives_e008(tmp_path: Path) -> None:
    bad = tmp_path / "empty_page.html"
    bad.write_text(
        "<html><head><title>Front page</title></head><body><div><ul>"
        + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40))
        + "</ul></div></body></html>",
        encoding="utf-8",
    )
    items = list(read_inputs([bad]))
    assert [getattr(i, "code", None) for i in items] == ["E008"]


def test_short_complete_html_article_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    path.write_text(
        "<html><body><p>Troops crossed the northern border at dawn.</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = read_document(path)
    assert doc.text == "Troops crossed the northern border at dawn."
    assert (doc.title, doc.date) == (None, None)


def test_lxml_html_clean_is_importable() -> None:
    import lxml_html_clean

    assert hasattr(lxml_html_clean, "Cleaner")


def test_truncated_html_with_a_stray_sentence_in_the_menu_gives_e008(tmp_path: Path) -> None:
    # A menu line long enough to look like prose must not pass for an article when the page
    # stops before its body.
    page = ARTICLE.replace(
        '<li><a href="/world">World</a></li>',
        '<li><a href="/world">World</a></li><li><a href="/nl">Sign up for our free daily '
        "newsletter today</a></li>",
    )
    cut = page.index("<p>The foreign ministers") + len("<p")
    bad = tmp_path / "cut_menu.html"
    bad.write_text(page[:cut], encoding="utf-8")
    assert [getattr(i, "code", None) for i in read_inputs([bad])] == ["E008"]
    whole = tmp_path / "whole_menu.html"
    whole.write_text(page, encoding="utf-8")
    assert len(read_document(whole)) == 1
