"""Doc ids of web pages, source configuration from vraagbaak.toml, and the shipped example file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.reindex.sources import configured_sources, owner_of
from bot.settings import Settings
from bot.settings.sources import FolderSourceSettings, WebsiteSourceSettings
from knowledge.web import doc_id_for_url, normalize_url

EXAMPLE = Path(__file__).resolve().parents[3] / "vraagbaak.toml.example"


@pytest.mark.parametrize(
    ("url", "doc_id"),
    [
        ("https://www.vvsg.be/kennisitems/livcr/", "web/www.vvsg.be/kennisitems/livcr/index"),
        ("https://WWW.vvsg.be:443/Kennis%20items/nota.pdf#p2", "web/www.vvsg.be/Kennis items/nota.pdf"),
        ("http://www.vvsg.be/a/../b/./c.html", "web/www.vvsg.be/b/c.html"),
        ("https://example.org:8080/zoek?b=2&a=1", "web/example.org:8080/zoek?a=1&b=2"),
        ("https://example.org", "web/example.org/index"),
        ("https://example.org/a::b", "web/example.org/a:%3Ab"),
    ],
)
def test_web_doc_ids_are_stable(url: str, doc_id: str) -> None:
    canonical = normalize_url(url)
    assert canonical is not None and doc_id_for_url(canonical) == doc_id


def test_http_and_https_copies_are_one_document() -> None:
    http, https = normalize_url("http://x.be/p.html"), normalize_url("https://x.be/p.html")
    assert http and https and doc_id_for_url(http) == doc_id_for_url(https)


@pytest.mark.parametrize("url", ["mailto:info@vvsg.be", "javascript:void(0)", "ftp://x.be/a", "https://x.be:99999/"])
def test_other_schemes_and_bad_ports_are_not_urls(url: str) -> None:
    assert normalize_url(url) is None


def test_sources_from_the_toml_file(tmp_path: Path) -> None:
    (tmp_path / "vraagbaak.toml").write_text(
        'reindex_cron = "30 2 * * 1-5"\nkeep_versions = 5\n\n'
        '[[sources]]\nkind = "website"\nname = "vvsg"\nsitemap = "https://www.vvsg.be/sitemap.xml"\n'
        'allowed_prefixes = ["https://www.vvsg.be/kennisitems/"]\nmax_pages = 50\n\n'
        '[[sources]]\nkind = "folder"\nname = "intern"\npath = "intern"\nprefix = "intern/"\n',
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.reindex_cron == "30 2 * * 1-5" and settings.keep_versions == 5
    website, folder = settings.sources
    assert isinstance(website, WebsiteSourceSettings) and website.max_pages == 50
    assert isinstance(folder, FolderSourceSettings) and folder.prefix == "intern/"
    names = [source.name for source in configured_sources(settings)]
    assert names == ["knowledge", "vvsg", "intern", "staff-faq"]


def test_the_example_file_is_valid(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "vraagbaak.toml")
    settings = Settings()
    assert settings.reindex_cron == "0 3 * * *" and settings.timezone == "Europe/Brussels"
    assert {source.kind for source in settings.sources} == {"website", "folder"}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            {"kind": "website", "name": "vvsg", "allowed_prefixes": ["https://x.be/"]},
            "exactly one of sitemap",
        ),
        (
            {"kind": "website", "name": "vvsg", "sitemap": "https://x.be/s.xml", "allowed_prefixes": []},
            "at least 1",
        ),
        (
            {
                "kind": "website",
                "name": "vvsg",
                "sitemap": "https://x.be/s.xml",
                "allowed_prefixes": ["x.be/"],
            },
            "must be an http(s) URL",
        ),
        (
            {
                "kind": "website",
                "name": "Bad Name",
                "sitemap": "https://x.be/s.xml",
                "allowed_prefixes": ["https://x.be/"],
            },
            "pattern",
        ),
        (
            {
                "kind": "website",
                "name": "vvsg",
                "sitemap": "https://x.be/s.xml",
                "allowed_prefixes": ["https://x.be/"],
                "user_agent": "curl/8",
            },
            "must name Vraagbaak",
        ),
        ({"kind": "folder", "name": "intern", "path": "x", "prefix": ""}, "needs a prefix"),
        ({"kind": "folder", "name": "intern", "path": "x", "prefix": "web/"}, "reserved"),
        ({"kind": "folder", "name": "staff-faq", "path": "x", "prefix": "s/"}, "reserved for a built-in"),
        ({"kind": "ftp", "name": "x"}, "does not match any of the expected tags"),
    ],
)
def test_bad_source_settings_name_key_and_value(source: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings(sources=[source])  # type: ignore[arg-type]


@pytest.mark.parametrize(("key", "value"), [("reindex_cron", "0 25 * * *"), ("timezone", "Europe/Gent")])
def test_bad_schedule_fails_at_start(key: str, value: str) -> None:
    with pytest.raises(ValidationError, match=value):
        Settings(**{key: value})  # type: ignore[arg-type]


def test_empty_cron_turns_the_schedule_off() -> None:
    assert Settings(reindex_cron="").reindex_cron == ""


def test_each_served_document_belongs_to_the_source_with_the_longest_prefix(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        sources=[  # type: ignore[arg-type]
            {
                "kind": "website",
                "name": "vvsg",
                "sitemap": "https://www.vvsg.be/sitemap.xml",
                "allowed_prefixes": ["https://www.vvsg.be/kennisitems/"],
            },
            {"kind": "folder", "name": "intern", "path": str(tmp_path), "prefix": "intern/"},
        ],
    )
    sources = configured_sources(settings)
    owners = {
        doc_id: getattr(owner_of(doc_id, sources), "name", None)
        for doc_id in ("faq/a.yaml#1", "web/www.vvsg.be/kennisitems/x", "intern/a.md", "staff-faq/b.yaml#2")
    }
    assert owners == {
        "faq/a.yaml#1": "knowledge",
        "web/www.vvsg.be/kennisitems/x": "vvsg",
        "intern/a.md": "intern",
        "staff-faq/b.yaml#2": "staff-faq",
    }
