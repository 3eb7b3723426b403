"""``vraagbaak index status|versions|rollback``: what is served, what is kept, going back."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from bot.cli.context import state
from index import Manifest, VersionStore, model_id_for

_COUNTED = ("added", "changed", "removed", "failed")
app = typer.Typer(help="Inspect and manage the published index versions.", no_args_is_help=True)


def _store(ctx: typer.Context) -> VersionStore:
    return VersionStore(state(ctx).settings.index_dir)


def _age(manifest: Manifest) -> str:
    created = datetime.fromisoformat(manifest.created)
    minutes = int((datetime.now(UTC) - created).total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} d"


@app.command()
def status(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The served version (documents, chunks, model, age), its sources and the last reindex run."""
    store = _store(ctx)
    _, manifest = store.current()
    last_run = store.last_run()
    if as_json:
        payload = {**asdict(manifest), "age": _age(manifest), "last_run": _run_summary(last_run)}
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    typer.echo(f"Serving version {manifest.version_id} (built {manifest.created}, {_age(manifest)} ago)")
    typer.echo(f"  documents: {manifest.document_count}  chunks: {manifest.chunk_count}")
    typer.echo(f"  model: {manifest.model} ({manifest.dimensions} dimensions, {manifest.dense_kind})")
    typer.echo(f"  build: {manifest.embedded} embedded, {manifest.reused} reused, "
               f"{manifest.build_seconds:.1f} s")  # fmt: skip
    for name, info in manifest.sources.items():
        typer.echo(f"  source {name}: {_source_line(info)}")
    if last_run is not None:
        typer.echo(f"Last reindex run: {_last_run_line(last_run)}")


def _source_line(info: object) -> str:
    """One source's result as the manifest keeps it (older manifests kept only a prefix)."""
    if not isinstance(info, dict) or "status" not in info:
        return json.dumps(info, ensure_ascii=False)
    line = f"{info['status']}, {info.get('documents', 0)} documents, {info.get('failed', 0)} failed"
    if info.get("error"):
        line += f" ({info['error']}; kept {info.get('kept_chunks', 0)} chunks)"
    return f"{line} [{info.get('kind', '?')}: {info.get('location', '?')}]"


def _run_summary(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """The last run without its long lists, for ``status --json``."""
    if record is None:
        return None
    lists = ("added", "changed", "removed", "skipped")
    short = {key: value for key, value in record.items() if key not in lists}
    for key in lists:
        if key in record:
            short[key] = len(record[key])
    return short


def _last_run_line(record: dict[str, Any]) -> str:
    when = record.get("finished", "?")
    if record.get("error"):
        return f"{when}, FAILED: {record['error']}"
    what = f"published {record.get('version_id')}" if record.get("published") else "nothing changed"
    counts = ", ".join(f"{len(record.get(key, []))} {key}" for key in _COUNTED)
    return f"{when}, {what} ({counts}) in {float(record.get('seconds', 0)):.1f} s"


@app.command()
def versions(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The versions kept on disk, oldest first; the served one is marked."""
    store = _store(ctx)
    current = store.current_id()
    kept = store.versions()
    if as_json:
        rows = [{**asdict(m), "current": m.version_id == current} for m in kept]
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not kept:
        typer.echo("No index versions yet: run 'vraagbaak reindex'.")
    for manifest in kept:
        marker = "*" if manifest.version_id == current else " "
        typer.echo(f"{marker} {manifest.version_id}  {manifest.created}  {manifest.chunk_count} chunks  "
                   f"{manifest.model}")  # fmt: skip


@app.command()
def rollback(
    ctx: typer.Context,
    version: Annotated[str, typer.Argument(help="A version id from 'vraagbaak index versions'.")],
) -> None:
    """Serve an older kept version again (running bots switch within seconds).

    Refused while a reindex runs, and for a version built with another embedding model. The
    next reindex builds from the sources again: fix or pause a bad source before it runs.
    """
    settings = state(ctx).settings
    VersionStore(settings.index_dir).rollback(version, model_id_for(settings.embedding_model))
    typer.echo(f"Now serving version {version}.")
