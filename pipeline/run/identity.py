"""What makes two inputs one document: the same content, or nearly the same article.

A document *is* its content: :func:`content_sha` of its normalized text. The same text
under any path spelling, from any URL or in any encoding is one document, which the
store keeps once with every input location that gave it (its ``sources``).

Near-duplicates, the same article with different chrome (another site's menus and
footers, a mobile page, a syndicated copy with a different headline), are found with
MinHash and locality-sensitive hashing over the word 5-shingles of the body text: the
lines segmentation calls body or caption, so chrome lines, bylines and headlines do not
count. Two documents whose estimated Jaccard similarity is at least
:data:`NEAR_DUPLICATE` are one article: in a group of such documents the one with the
smallest ``doc_id`` is kept, the others are marked ``duplicate_of`` it, and the tables
keep only the kept one's records. The choice depends on the documents alone, not on the
order they were stored in, so runs on one worker, on many, or resumed after a kill, mark
the same documents.

The sketches are datasketch's (``MinHash`` with its default ``affine32`` permutations,
serialized as ``LeanMinHash``; ``MinHashLSH`` banding for the threshold), computed here
with numpy in a dozen lines: importing datasketch imports SciPy (0.9 s a process, a
twentieth of a 2,000-document run and most of its serial start-up). The tests check the
bytes and the marks against datasketch itself.
"""

from __future__ import annotations

import hashlib
import struct
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
_BANDS = 8  # LSH bands of NUM_PERM // _BANDS values: what MinHashLSH picks for NEAR_DUPLICATE and NUM_PERM
_AFFINE32 = 1  # datasketch's code of its affine32 permutation scheme
_VALUE = "I"  # one hash value: 32 bits


def content_sha(text: str) -> str:
    """The identity of a document: the SHA-256 (hex) of its normalized text, UTF-8.

    >>> content_sha("Hội nghị")[:12]
    '4229a57e3e2c'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shingles(doc: Document) -> set[bytes]:
    """The body's word 5-shingles, casefolded, UTF-8 (words joined by one space).

    >>> from extractors.base import body_document
    >>> sorted(_shingles(body_document("Một HAI ba bon nam sau")))
    [b'hai ba bon nam sau', b'm\\xe1\\xbb\\x99t hai ba bon nam']
    """
    words: list[bytes] = []
    for seg in doc.segments:
        if seg.kind in ("body", "caption"):
            words.extend(w.encode("utf-8") for w in doc.text[seg.start:seg.end].casefold().split())
    # each word encoded once, the shingles joined in C: the same bytes as encoding each joined shingle, at half the cost
    return set(map(b" ".join, zip(*(words[k:] for k in range(SHINGLE)), strict=False)))  # windows end with the words


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The ``(a, b)`` of the hash permutations ``h -> a*h + b mod 2**32``, drawn as
    datasketch's ``MinHash(num_perm=NUM_PERM, seed=_SEED)`` draws them (``a`` odd)."""
    import numpy as np

    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: Any) -> Any:
    """MurmurHash3's finalizer, the fixed bijection datasketch mixes each input hash with."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


_HEADER = struct.pack(f"@qiB0{_VALUE}", _SEED, -NUM_PERM, _AFFINE32)  # LeanMinHash's: seed, -num_perm, scheme code


def body_signature(doc: Document) -> bytes:
    """The MinHash signature of the body of ``doc``, serialized as datasketch's
    ``LeanMinHash`` (b"" for a body too short to compare). Shingles are hashed with
    CRC-32: a third of SHA-1's cost, and as good for estimating Jaccard similarity."""
    import numpy as np

    shingles = _shingles(doc)
    if len(shingles) < _MIN_SHINGLES:
        return b""
    a, b = _permutations()
    hashed = _fmix32(np.fromiter(map(zlib.crc32, shingles), dtype=np.uint32, count=len(shingles)))
    with np.errstate(over="ignore"):
        values = (hashed[:, None] * a + b).min(axis=0)
    return _HEADER + values.astype(f"={_VALUE}").tobytes()


def _values(blob: bytes) -> Any:
    import numpy as np

    if not blob.startswith(_HEADER) or len(blob) != len(_HEADER) + 4 * NUM_PERM:
        raise ValueError("not a thidua body signature")
    return np.frombuffer(blob, dtype=f"={_VALUE}", offset=len(_HEADER))


def near_duplicates(signatures: Iterable[tuple[str, bytes]], *, ordered: bool = False) -> Mapping[str, str]:
    """``{doc_id: kept doc_id}`` for every document that is a near-duplicate of another
    (``signatures``: doc_id and :func:`body_signature`; empty signatures are never
    duplicates). The kept document of a group is the one with the smallest doc_id.

    Candidates are the kept documents that share a band of :data:`_BANDS` whole with the
    document (the banding ``MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)``
    chooses); a candidate is its original when their estimated Jaccard similarity (the
    share of equal values) is at least :data:`NEAR_DUPLICATE`.

    The bands and the kept signatures live in a scratch SQLite file, not in memory, so
    memory stays flat whatever the corpus size; ``ordered``: the signatures come in
    doc_id order (a store's query), streamed as they come; otherwise they are sorted first.

    Raises:
        ValueError: ``ordered`` signatures out of doc_id order, or a blob that is not a signature.
    """
    import sqlite3
    import tempfile

    import numpy as np

    width = NUM_PERM // _BANDS
    marked: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="thidua-lsh-") as tmp:
        db = sqlite3.connect(f"{tmp}/bands.sqlite", isolation_level=None)
        try:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
                             "CREATE TABLE kept (doc_id TEXT PRIMARY KEY, signature BLOB) WITHOUT ROWID;"
                             "CREATE TABLE band (key BLOB, doc_id TEXT); CREATE INDEX band_key ON band (key);")
            candidates = (f"SELECT DISTINCT k.doc_id, k.signature FROM band b JOIN kept k USING (doc_id) "
                          f"WHERE b.key IN ({', '.join('?' * _BANDS)}) ORDER BY k.doc_id")
            last = None
            for doc_id, blob in (signatures if ordered else sorted(signatures)):
                if last is not None and doc_id <= last:
                    raise ValueError(f"signatures out of doc_id order: {doc_id!r} after {last!r}")
                last = doc_id
                if not blob:
                    continue
                values = _values(blob)
                keys = [bytes((i,)) + values[i * width:(i + 1) * width].tobytes() for i in range(_BANDS)]
                kept = next((c for c, other in db.execute(candidates, keys)
                             if np.count_nonzero(values == _values(other)) / NUM_PERM >= NEAR_DUPLICATE), None)
                if kept is not None:
                    marked[doc_id] = kept
                    continue
                db.execute("INSERT INTO kept VALUES (?, ?)", (doc_id, blob))
                db.executemany("INSERT INTO band VALUES (?, ?)", [(key, doc_id) for key in keys])
        finally:
            db.close()
    return marked
