"""URL rules of the website source: one canonical form, stable doc ids, the allowed scope.

Doc ids (DESIGN.md "Document ids", extended for the web)::

    https://www.vvsg.be/kennisitems/livcr/       -> web/www.vvsg.be/kennisitems/livcr/index
    https://www.vvsg.be/Kennis%20items/nota.pdf  -> web/www.vvsg.be/Kennis items/nota.pdf
    https://example.org:8080/a?b=2&a=1#top       -> web/example.org:8080/a?a=1&b=2

- ``web/``, the host (lowercase; the port only when it is not the scheme's default), then
  the path, percent-decoded and NFC-normalised, without its leading ``/``;
- a path that is empty or ends in ``/`` gets ``index``, so no doc id ends in ``/`` (that
  form is reserved for unlistable folders in FolderSource's failures);
- the query string is kept with its parameters sorted; the fragment is dropped;
- the scheme is not part of the id: the http and https copies of a page are one document;
- ``#`` and ``::`` are the separators of FAQ entries and chunk ids, so they are re-encoded
  (``%23``, ``:%3A``).
The id depends on the URL only, never on when or how often the site was crawled.
"""

from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

WEB_PREFIX = "web/"
_DEFAULT_PORTS = {"http": 80, "https": 443}
DOCUMENT_SUFFIXES = (".pdf", ".docx")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical absolute form of an http(s) URL, or ``None`` for anything else.

    Lowercase scheme and host, default port dropped, dot segments resolved, fragment dropped.
    """
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
    except ValueError:  # a bad port or IPv6 literal in a link on someone's page
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _resolve_dots(parts.path or "/")
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def _resolve_dots(path: str) -> str:
    resolved = posixpath.normpath(path)
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    return resolved + "/" if path.endswith("/") and resolved != "/" else resolved


def doc_id_for_url(url: str) -> str:
    """The stable doc id of a (normalised) URL: ``web/<host>/<path>``, see the module docstring."""
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/")
    if not path or path.endswith("/"):
        path += "index"
    doc_id = f"{WEB_PREFIX}{parts.netloc}/{path}"
    if parts.query:
        doc_id += "?" + urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return _escape_separators(unicodedata.normalize("NFC", doc_id))


def doc_id_prefix_for(prefix_url: str) -> str:
    """The doc-id prefix every page under an allowed URL prefix starts with."""
    parts = urlsplit(prefix_url)
    path = unquote(parts.path).lstrip("/")
    return _escape_separators(unicodedata.normalize("NFC", f"{WEB_PREFIX}{parts.netloc}/{path}"))


def _escape_separators(doc_id: str) -> str:
    return doc_id.replace("#", "%23").replace("::", ":%3A")


def origin(url: str) -> str:
    """``scheme://host[:port]``: robots.txt rules apply per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def looks_like_document(url: str) -> bool:
    """A link to a file the source indexes (PDF, DOCX), judged by the URL path's suffix."""
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


class UrlScope:
    """The allowed URL prefixes of a source: a plain string-prefix test on canonical URLs.

    A prefix is a string prefix: ``https://x.be/kennis`` also allows ``/kennisitems``; end it
    with ``/`` to restrict the source to one folder.
    """

    def __init__(self, prefixes: tuple[str, ...] | list[str]) -> None:
        if not prefixes:
            raise ValueError("at least one allowed URL prefix is needed")
        normalised: list[str] = []
        for prefix in prefixes:
            canonical = normalize_url(prefix)
            if canonical is None:
                raise ValueError(f"allowed prefix must be an http(s) URL, got {prefix!r}")
            # normalize_url adds "/" to a bare origin and keeps an explicit trailing "/".
            normalised.append(canonical)
        self.prefixes = tuple(normalised)

    def __contains__(self, url: str) -> bool:
        return url.startswith(self.prefixes)

    def doc_id_prefixes(self) -> tuple[str, ...]:
        return tuple(doc_id_prefix_for(prefix) for prefix in self.prefixes)
