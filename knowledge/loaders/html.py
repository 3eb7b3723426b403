"""HTML pages -> one Document, with the page's headings as section paths.

Saved web pages carry much more than their article: menus, breadcrumbs, search forms,
cookie banners, share buttons, related links, footers and tracking scripts. Indexed, that
text matches every question a little ("Contact", "Privacy", "Nieuws") and pushes real
answers down, so the loader keeps only the main content: ``<main>`` (else ``<article>``,
else ``role=main``, else ``<body>``) with boilerplate elements removed by tag, ARIA role and
class/id names. Metadata: ``<h1>`` (else ``<title>`` without its `` | site`` suffix) is the
title, ``<meta name="date">`` the publication date, ``<meta name="keywords">`` the tags,
``<link rel="canonical">`` or ``og:url`` the url.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from bs4 import BeautifulSoup, Tag

from knowledge.errors import LoaderError
from knowledge.loaders.html_text import html_sections
from knowledge.loaders.sections import DEFAULT_DOC_TYPE
from knowledge.models import Document
from knowledge.text import clean_line, parse_date, parse_tags, stem_title

logger = logging.getLogger(__name__)

_JUNK_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed")
_BOILERPLATE_TAGS = ("nav", "aside", "footer", "form", "button", "input", "select", "textarea", "dialog")
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_BOILERPLATE_NAMES = re.compile(
    r"cookie|consent|gdpr|breadcrumb|sidebar|skip|share|social|related|newsletter|banner|"
    r"navbar|menu|pagination|byline|^meta$|post-meta|site-header|site-footer",
    re.IGNORECASE,
)
_DATE_META = ("date", "dcterms.date", "dc.date", "dcterms.created", "article:published_time", "pubdate")
_TYPE_META = ("type", "dc.type", "dcterms.type")


def parse_html(data: bytes) -> BeautifulSoup:
    """lxml's tree, or the standard library's parser when lxml refuses the bytes.

    lxml raises ValueError on some byte sequences (control characters where it expects an
    encoding name: found by tests/knowledge/test_fuzz_loaders.py); html.parser never does.
    """
    try:
        return BeautifulSoup(data, "lxml")
    except ValueError:
        return BeautifulSoup(data, "html.parser")


def load_html(data: bytes, doc_id: str) -> list[Document]:
    """Parse one HTML page; raises LoaderError when nothing readable is left after the cleanup."""
    if not data.strip():
        raise LoaderError("empty file")
    soup = parse_html(data)
    for tag in soup.find_all(_JUNK_TAGS):
        tag.decompose()
    root = _content_root(soup)
    title = _title(soup, root, doc_id)
    _strip_boilerplate(root)
    sections = html_sections(root)
    if not any(section.text for section in sections):
        raise LoaderError("no text content left after removing navigation and page furniture")
    return [
        Document(
            doc_id=doc_id,
            title=title,
            doc_type=_meta(soup, _TYPE_META) or DEFAULT_DOC_TYPE,
            sections=tuple(sections),
            url=_url(soup),
            published=_published(soup, doc_id),
            tags=parse_tags(_meta(soup, ("keywords",))),
        )
    ]


def _content_root(soup: BeautifulSoup) -> Tag:
    for candidate in (soup.find("main"), soup.find("article"), soup.find(True, attrs={"role": "main"})):
        if isinstance(candidate, Tag):
            return candidate
    return soup.body if isinstance(soup.body, Tag) else soup


def _title(soup: BeautifulSoup, root: Tag, doc_id: str) -> str:
    heading = root.find("h1") or soup.find("h1")
    if isinstance(heading, Tag) and clean_line(heading.get_text(" ")):
        return clean_line(heading.get_text(" "))
    if soup.title is not None and soup.title.string:
        return clean_line(re.split(r"\s+[|–—]\s+", soup.title.string)[0]) or stem_title(doc_id)
    return stem_title(doc_id)


def _strip_boilerplate(root: Tag) -> None:
    """Remove page furniture inside the content root.

    A ``<header>`` holding an h1 is the article's own header and is kept (unwrapped); any other
    header is the site's: logo, menu, search.
    """
    for header in root.find_all("header"):
        if header.find("h1") is not None:
            header.unwrap()
        else:
            header.decompose()
    doomed = [tag for tag in root.find_all(True) if _is_boilerplate(tag)]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _is_boilerplate(tag: Tag) -> bool:
    if tag.find(("h1", "main", "article")) is not None:
        return False  # a wrapper named "...-sidebar-layout" may hold the article itself
    if tag.name in _BOILERPLATE_TAGS or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.get("role") in _BOILERPLATE_ROLES:
        return True
    names = [*tag.get_attribute_list("class"), *tag.get_attribute_list("id")]
    return any(name and _BOILERPLATE_NAMES.search(name) for name in names)


def _meta(soup: BeautifulSoup, names: tuple[str, ...]) -> str | None:
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "").lower()
        content = tag.get("content")
        if key in names and isinstance(content, str) and content.strip():
            return content.strip()
    return None


def _published(soup: BeautifulSoup, doc_id: str) -> date | None:
    value = _meta(soup, _DATE_META)
    try:
        return parse_date(value, "meta date")
    except ValueError:
        # Web pages carry every date format there is; a bad one costs the date, not the page.
        logger.info("%s: ignoring unparsable meta date %r", doc_id, value)
        return None


def _url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    href = link.get("href") if isinstance(link, Tag) else None
    candidate = href if isinstance(href, str) else _meta(soup, ("og:url",))
    return candidate if candidate and candidate.startswith(("http://", "https://")) else None
