"""``vraagbaak index status|versions|rollback``: what is served, what is kept, going back."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated

import typer

from index import Manifest, UnknownVersionError, VersionStore

from .settings import Settings

app = typer.Typer(help="Inspect and manage the published index versions.", no_args_is_help=True)


def _store() -> VersionStore:
    return VersionStore(Settings().index_dir)


def _age(manifest: Manifest) -> str:
    created = datetime.fromisoformat(manifest.created)
    minutes = int((datetime.now(UTC) - created).total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} d"


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The served version: documents, chunks, model, age and sources."""
    _, manifest = _store().current()
    if as_json:
        typer.echo(json.dumps({**asdict(manifest), "age": _age(manifest)}, ensure_ascii=False))
        return
    typer.echo(f"Serving version {manifest.version_id} (built {manifest.created}, {_age(manifest)} ago)")
    typer.echo(f"  documents: {manifest.document_count}  chunks: {manifest.chunk_count}")
    typer.echo(f"  model: {manifest.model} ({manifest.dimensions} dimensions, {manifest.dense_kind})")
    typer.echo(f"  last build: {manifest.embedded} embedded, {manifest.reused} reused, {manifest.build_seconds:.1f} s")
    for source, info in manifest.sources.items():
        typer.echo(f"  source: {source} {json.dumps(info, ensure_ascii=False)}")


@app.command()
def versions(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The versions kept on disk, oldest first; the served one is marked."""
    store = _store()
    current = store.current_id()
    kept = store.versions()
    if as_json:
        typer.echo(json.dumps([{**asdict(m), "current": m.version_id == current} for m in kept], ensure_ascii=False))
        return
    if not kept:
        typer.echo("No index versions yet: run 'vraagbaak reindex'.")
    for manifest in kept:
        marker = "*" if manifest.version_id == current else " "
        typer.echo(f"{marker} {manifest.version_id}  {manifest.created}  {manifest.chunk_count} chunks  {manifest.model}")


@app.command()
def rollback(version: Annotated[str, typer.Argument(help="A version id from 'vraagbaak index versions'.")]) -> None:
    """Serve an older kept version again (running bots switch within seconds)."""
    store = _store()
    if version not in {manifest.version_id for manifest in store.versions()}:
        raise UnknownVersionError(f"version {version} is not kept; see 'vraagbaak index versions'")
    store.publish(version)
    typer.echo(f"Now serving version {version}.")
