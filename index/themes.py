"""Theme labels for every chunk, decided at index time.

A document's themes come from the document where it names them (front matter ``themes:``,
the FAQ category of an entry: ``knowledge.themes``). Every other document gets the theme
whose labelled chunks lie nearest to it in embedding space (nearest centroid, cosine, over
the e5 vectors the build computed anyway), plus a second theme when that one is almost as
near. All chunks of a document share its themes, so a source line and a digest group agree.

A corpus without any labelled chunk (no FAQ, no front matter) leaves documents unlabelled.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from knowledge import Chunk

# A second theme is kept when its cosine is within this of the best one: e5 cosines between
# Dutch passages of one domain sit close together (0.80-0.90), so the margin is small.
SECOND_THEME_MARGIN = 0.01


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def theme_centroids(chunks: Sequence[Chunk], vectors: np.ndarray) -> dict[str, np.ndarray]:
    """The mean unit vector of the chunks each theme labels."""
    rows: dict[str, list[int]] = defaultdict(list)
    for row, chunk in enumerate(chunks):
        for slug in chunk.themes:
            rows[slug].append(row)
    unit = _unit(np.asarray(vectors, dtype=np.float32))
    return {slug: _unit(unit[indices].mean(axis=0)) for slug, indices in sorted(rows.items())}


def nearest_themes(vector: np.ndarray, centroids: dict[str, np.ndarray]) -> tuple[str, ...]:
    """The nearest theme, and the runner-up when it is within ``SECOND_THEME_MARGIN``."""
    if not centroids:
        return ()
    slugs = list(centroids)
    scores = np.stack([centroids[slug] for slug in slugs]) @ _unit(vector)
    order = np.argsort(-scores, kind="stable")
    best = [slugs[order[0]]]
    if len(order) > 1 and scores[order[0]] - scores[order[1]] <= SECOND_THEME_MARGIN:
        best.append(slugs[order[1]])
    return tuple(best)


def label_themes(chunks: Sequence[Chunk], vectors: np.ndarray) -> list[Chunk]:
    """``chunks`` with their document's themes: given ones kept, the rest by nearest centroid."""
    centroids = theme_centroids(chunks, vectors)
    by_doc: dict[str, list[int]] = defaultdict(list)
    for row, chunk in enumerate(chunks):
        by_doc[chunk.doc_id].append(row)
    labels: dict[str, tuple[str, ...]] = {}
    unit = _unit(np.asarray(vectors, dtype=np.float32))
    for doc_id, rows in by_doc.items():
        given = tuple(dict.fromkeys(slug for row in rows for slug in chunks[row].themes))
        labels[doc_id] = given or nearest_themes(unit[rows].mean(axis=0), centroids)
    return [
        chunk if chunk.themes == labels[chunk.doc_id] else dataclasses.replace(chunk, themes=labels[chunk.doc_id])
        for chunk in chunks
    ]
