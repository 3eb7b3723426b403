"""A small website on 127.0.0.1 for the website source: real HTTP, validators, a request log.

Why a real server: the seam of the website source is HTTP itself (robots.txt, sitemap,
conditional requests, redirects, 304s), so the test drives httpx over a socket exactly as
production does. ``ThreadingHTTPServer`` answers requests in parallel, and counts how many are
in flight at once (``max_in_flight``) and when each started, for the per-host concurrency test.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fpdf import FPDF


@dataclass
class Resource:
    """What one path answers; ``etag``/``last_modified`` None means the server sends none."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it, and how it answered."""

    path: str
    headers: dict[str, str]
    status: int
    started: float = 0.0  # time.monotonic() when the request arrived


@dataclass
class Site:
    """The site's resources by path (query included) and every request made to it."""

    resources: dict[str, Resource] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    released: threading.Event = field(default_factory=threading.Event)  # ends every delay at once
    in_flight: int = 0
    max_in_flight: int = 0
    _clock: int = 1_700_000_000

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def put(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        *,
        etag: bool = True,
        last_modified: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Serve ``body`` at ``path`` with fresh validators (a changed page gets new ones)."""
        data = body.encode() if isinstance(body, str) else body
        self._clock += 60
        self.resources[path] = Resource(
            data,
            content_type,
            etag=f'"{hashlib.sha1(data).hexdigest()[:16]}"' if etag else None,
            last_modified=formatdate(self._clock, usegmt=True) if last_modified else None,
            headers=dict(headers or {}),
        )

    def answer(self, path: str, status: int, location: str | None = None) -> None:
        self.resources[path] = Resource(status=status, location=location)

    def remove(self, path: str) -> None:
        self.resources.pop(path, None)

    def paths(self) -> list[str]:
        with self.lock:
            return [hit.path for hit in self.hits]

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path == path]

    def clear(self) -> None:
        with self.lock:
            self.hits.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            resource = site.resources.get(self.path)
            status = 404 if resource is None else resource.status
            if resource is not None and status == 200 and _not_modified(resource, self.headers):
                status = 304
            with site.lock:
                site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, status,
                                     time.monotonic()))  # fmt: skip
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
            try:
                self._answer(resource, status)
            finally:
                with site.lock:
                    site.in_flight -= 1

        def _answer(self, resource: Resource | None, status: int) -> None:
            if resource is not None and resource.delay:
                site.released.wait(resource.delay)
            self.send_response(status)
            if resource is not None:
                for name, value in (
                    ("ETag", resource.etag),
                    ("Last-Modified", resource.last_modified),
                    ("Location", resource.location),
                ):
                    if value:
                        self.send_header(name, value)
            body = resource.body if resource is not None and status == 200 else b""
            if status == 200 and resource is not None:
                self.send_header("Content-Type", resource.content_type)
                for name, value in resource.headers.items():
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def _not_modified(resource: Resource, headers: Any) -> bool:
    if resource.etag and headers.get("If-None-Match"):
        return bool(headers.get("If-None-Match") == resource.etag)
    return bool(resource.last_modified and headers.get("If-Modified-Since") == resource.last_modified)


class SiteServer:
    """``ThreadingHTTPServer`` serving a ``Site`` in a daemon thread; ``stop()`` closes it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._server = ThreadingHTTPServer(("127.0.0.1", site.port), _handler(site))
        self._server.daemon_threads = True
        site.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.site.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def page(title: str, *paragraphs: str, links: tuple[str, ...] = ()) -> str:
    """An HTML page with site furniture around a main article, like the real thing."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    anchors = "".join(f'<li><a href="{href}">link</a></li>' for href in links)
    return (
        f"<html><head><title>{title} | VVSG</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main><h1>{title}</h1>{body}<ul>{anchors}</ul></main><footer>VVSG vzw</footer></body></html>"
    )


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A real text-layer PDF made with fpdf2."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def sitemap(urls: list[str]) -> str:
    rows = "".join(f"<url><loc>{url}</loc><lastmod>2024-01-01</lastmod></url>" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
