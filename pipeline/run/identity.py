"""What makes two inputs one document: the same content, or nearly the same article.

A document *is* its content: :func:`content_sha` of its normalized text. The same text
under any path spelling, from any URL or in any encoding is one document, which the
store keeps once with every input location that gave it (its ``sources``).

Near-duplicates, the same article with different chrome (another site's menus and
footers, a mobile page, a syndicated copy with a different headline), are found with
MinHash and locality-sensitive hashing (``datasketch``) over the word 5-shingles of the
body text: the lines segmentation calls body or caption, so chrome lines, bylines and
headlines do not count. Two documents whose estimated Jaccard similarity is at least
:data:`NEAR_DUPLICATE` are one article: in a group of such documents the one with the
smallest ``doc_id`` is kept, the others are marked ``duplicate_of`` it, and the tables
keep only the kept one's records. The choice depends on the documents alone, not on the
order they were stored in, so runs on one worker, on many, or resumed after a kill, mark
the same documents.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from extractors.base import Document

__all__ = ["NEAR_DUPLICATE", "NUM_PERM", "SHINGLE", "body_signature", "content_sha", "near_duplicates"]

NUM_PERM = 128
SHINGLE = 5  # words
NEAR_DUPLICATE = 0.85  # estimated Jaccard similarity of the body shingles
_SEED = 20261201
_MIN_SHINGLES = 20  # a body shorter than this is too short to call anything its duplicate


def content_sha(text: str) -> str:
    """The identity of a document: the SHA-256 (hex) of its normalized text, UTF-8.

    >>> content_sha("Hội nghị")[:12]
    '4229a57e3e2c'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shingles(doc: Document) -> set[bytes]:
    words: list[str] = []
    for seg in doc.segments:
        if seg.kind in ("body", "caption"):
            words.extend(doc.text[seg.start:seg.end].casefold().split())
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(0, len(words) - SHINGLE + 1))}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The hash permutations of every signature (made once: they cost more than a signature)."""
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=_SEED)
    return template.scheme, template.permutations


def body_signature(doc: Document) -> bytes:
    """The MinHash signature of the body of ``doc``, serialized (b"" for a body too short
    to compare). Shingles are hashed with CRC-32: a third of SHA-1's cost, and as good for
    estimating Jaccard similarity."""
    from datasketch import LeanMinHash, MinHash

    shingles = _shingles(doc)
    if len(shingles) < _MIN_SHINGLES:
        return b""
    scheme, permutations = _permutations()
    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32, permutations=permutations, scheme=scheme)
    sketch.update_batch(list(shingles))
    lean = LeanMinHash(sketch)
    buffer = bytearray(lean.bytesize())
    lean.serialize(buffer)
    return bytes(buffer)


def near_duplicates(signatures: Iterable[tuple[str, bytes]]) -> Mapping[str, str]:
    """``{doc_id: kept doc_id}`` for every document that is a near-duplicate of another
    (``signatures``: doc_id and :func:`body_signature`; empty signatures are never
    duplicates). The kept document of a group is the one with the smallest doc_id."""
    from datasketch import LeanMinHash, MinHashLSH

    index = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    sketches: dict[str, LeanMinHash] = {}
    marked: dict[str, str] = {}
    for doc_id, blob in sorted(signatures):
        if not blob:
            continue
        sketch = LeanMinHash.deserialize(blob)
        kept = sorted(c for c in index.query(sketch) if c not in marked and sketch.jaccard(sketches[c]) >= NEAR_DUPLICATE)
        if kept:
            marked[doc_id] = kept[0]
            continue
        index.insert(doc_id, sketch)
        sketches[doc_id] = sketch
    return marked
