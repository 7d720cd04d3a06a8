"""Walking the inputs: files and directories to :class:`~pipeline.ingest.sources.Source`\\ s.

Inputs are ``.txt`` files, ``.html``/``.htm`` pages, WARC and JSONL files (one source
per record, :mod:`pipeline.ingest.archive`) and directories (recursive, in sorted
order). Unusable inputs are :class:`~pipeline.ingest.errors.IngestError` items, never
swallowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest.archive import iter_jsonl, iter_warc
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import JSONL_SUFFIXES, Source, accepted, file_source, is_archive

__all__ = ["iter_files", "iter_sources"]


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Every input file, directories walked in sorted order; unusable paths as errors.

    Accepted: text, HTML, WARC (``.warc``, ``.warc.gz``) and JSONL files. Inside a
    directory, other files are ignored; named on the command line, they are errors.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if accepted(child):
                    yield child
        elif path.is_file():
            if accepted(path):
                yield path
            else:
                yield IngestError(str(path), "ingest", f"unsupported file type {path.suffix or '(none)'!r}")
        else:
            yield IngestError(str(path), "ingest", "no such file or directory")


def iter_sources(inputs: Iterable[str | Path], *, max_bytes: int = 20 * 1024 * 1024) -> Iterator[Source | IngestError]:
    """Every input document, in a stable order; unusable inputs and records as errors.

    A WARC or JSONL file gives one source per record (see :mod:`pipeline.ingest.archive`);
    ``max_bytes`` bounds one record's payload there.
    """
    for item in iter_files(inputs):
        if isinstance(item, IngestError):
            yield item
        elif is_archive(item):
            reader = iter_jsonl if item.name.lower().endswith(JSONL_SUFFIXES) else iter_warc
            try:
                yield from reader(item, max_bytes=max_bytes)
            except OSError as exc:
                yield IngestError(str(item), "ingest", f"cannot read: {exc.strerror or exc}")
        else:
            yield file_source(item)
