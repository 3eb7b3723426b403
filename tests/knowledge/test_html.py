"""HTML loader: page furniture stripped, title, date, tags and headings kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import Chunker, LoaderError, load_file
from knowledge.loaders import load_html

NEWS = "publicaties/nieuws-vlaams-decreet-preventie-radicalisering-2024.html"
ITEM = "publicaties/kennisitem-soevereine-burgers.html"

# Text that sits in navigation, banners, forms, sidebars, share boxes, footers and scripts
# of the shipped pages; none of it may reach a chunk.
FURNITURE = [
    "Ga naar inhoud", "Lid worden", "Zoek op de website", "In dit thema", "Vorming en netwerken",
    "Deel dit artikel", "Was deze informatie nuttig", "Toegankelijkheidsverklaring", "Sitemap",
    "Niets van deze website", "_paq", "trackPageView", "cookies om je surfervaring", "Alles aanvaarden",
    "Enkel noodzakelijke", "Aanmelden", "Home > Nieuws", "Gerelateerd", "Volg ons", "Nieuwsbrief",
    "Cookiebeleid", "alle rechten voorbehouden", "dataLayer", "querySelectorAll", "gepubliceerd op",
]  # fmt: skip


@pytest.mark.parametrize("doc_id", [NEWS, ITEM])
def test_page_furniture_never_reaches_the_chunks(corpus: Path, doc_id: str) -> None:
    documents = load_file(corpus / doc_id, doc_id)
    text = "\n".join(chunk.embedding_text for chunk in Chunker().chunk(documents))
    leaked = [phrase for phrase in FURNITURE if phrase in text]
    assert leaked == []


def test_metadata_of_a_shipped_page(corpus: Path) -> None:
    [doc] = load_file(corpus / NEWS, NEWS)
    assert doc.title == "Vlaams preventiebeleid rond radicalisering krijgt structurele basis"
    assert doc.published == date(2024, 5, 21)
    assert doc.tags[:2] == ("livc-r", "decreet")
    paths = [section.heading_path for section in doc.sections]
    assert (doc.title, "Wat staat er in het decreet?") in paths
    decree = next(s for s in doc.sections if s.heading_path[-1] == "Wat staat er in het decreet?")
    assert decree.text.startswith("- Doelen en scope.")


def test_lists_tables_and_fallback_title() -> None:
    html = b"""<html><head><title>Pagina | Site</title><meta name="date" content="2020-02-30">
    <link rel="canonical" href="https://example.org/p"></head><body>
    <nav>Menu</nav><div id="cookie-consent">Aanvaard</div>
    <h2>Stappen</h2><ol start="3"><li>Eerst</li><li><p>Dan</p></li></ol>
    <table><tr><th>Wie</th><th>Wat</th></tr><tr><td>Burgemeester</td><td>Regie</td></tr></table>
    <p>Slot<br>regel twee</p><footer>Voet</footer></body></html>"""
    [doc] = load_html(html, "p.html")
    assert doc.title == "Pagina"
    assert doc.published is None  # an impossible date costs the date, not the page
    assert doc.url == "https://example.org/p"
    [section] = doc.sections
    assert section.heading_path == ("Stappen",)
    assert section.text == "3. Eerst\n4. Dan\nWie | Wat\nBurgemeester | Regie\n\nSlot\nregel twee"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "empty file"),
        (b"<html><body><nav>Home | Contact</nav><script>x()</script></body></html>", "no text content"),
    ],
)
def test_pages_without_content_are_refused(html: bytes, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load_html(html, "x.html")


def test_page_without_main_drops_the_site_header_but_keeps_the_article_header() -> None:
    html = """<html><body><header><div class="logo">VVSG</div><p>Slogan van de site</p></header>
    <div><header><h1>Echte titel</h1></header><p>Inhoud van het artikel.</p></div>
    <div class="sidebar">Zijbalk</div><div id="footer-links" role="contentinfo">Voet</div></body></html>"""
    [doc] = load_html(html.encode("utf-8"), "x.html")
    assert doc.title == "Echte titel"
    assert [(s.heading_path, s.text) for s in doc.sections] == [(("Echte titel",), "Inhoud van het artikel.")]
