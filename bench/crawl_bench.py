"""Crawl time against a local website, one versus two requests in flight per host.

    .venv/bin/python -m bench.crawl_bench [--pages 12] [--interval 0.25]

A real ``ThreadingHTTPServer`` on 127.0.0.1 (``tests/bot/reindex/site.py``) serves ``--pages``
pages from a sitemap, each answering after a fixed latency; the crawl goes through httpx over
the socket. Wall time here is waiting (latency and the politeness interval), not CPU, so a busy
machine changes it little. Prints one JSON object: per latency and concurrency, the wall time
and the most requests the server saw at once.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from knowledge.web import WebsiteConfig, WebSource
from tests.bot.reindex.site import Site, SiteServer, page, sitemap


def _crawl(pages: int, latency: float, interval: float, per_host: int) -> dict[str, float]:
    server = SiteServer(Site()).start()
    site = server.site
    try:
        paths = [f"/kennis/pagina-{n}.html" for n in range(pages)]
        for n, path in enumerate(paths):
            site.put(path, page(f"Pagina {n}", f"Uitleg over de LIVC R, deel {n}."))
            site.resources[path].delay = latency
        site.put("/sitemap.xml", sitemap([site.url(path) for path in paths]), "application/xml")
        config = WebsiteConfig("bench", (site.url("/kennis/"),), sitemap=site.url("/sitemap.xml"),
                               request_interval=interval, per_host_concurrency=per_host,
                               user_agent="Vraagbaak/bench")  # fmt: skip
        with tempfile.TemporaryDirectory() as cache:
            started = time.perf_counter()
            result = WebSource(config, Path(cache)).crawl()
            wall = time.perf_counter() - started
        return {"wall_s": round(wall, 2), "max_in_flight": site.max_in_flight,
                "documents": len(result.load.documents)}  # fmt: skip
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--interval", type=float, default=0.25)
    args = parser.parse_args()
    rows = []
    for latency in (0.1, 1.0):
        for per_host in (1, 2):
            row = {"latency_s": latency, "per_host": per_host, **_crawl(args.pages, latency, args.interval, per_host)}
            rows.append(row)
    print(json.dumps({"pages": args.pages, "interval_s": args.interval, "runs": rows}, indent=1))


if __name__ == "__main__":
    main()
