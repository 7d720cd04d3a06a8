"""Walking the inputs: files and directories to :class:`~pipeline.ingest.sources.Source`\\ s.

Inputs are ``.txt`` files, ``.html``/``.htm`` pages, WARC and JSONL files (one source
per record, :mod:`pipeline.ingest.archive`) and directories (recursive, in sorted
order; a symbolic link to a directory is followed once). Unusable inputs are
:class:`~pipeline.ingest.errors.IngestError` items, never swallowed: a path that does
not exist or cannot be reached, a directory that cannot be listed (at any depth), a
FIFO, socket or device ("not a regular file"), a file name that is not UTF-8. A run's
own output directory and store (``skip``) are never inputs, wherever they are.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from pipeline.ingest.archive import iter_jsonl, iter_warc
from pipeline.ingest.errors import IngestError, printable
from pipeline.ingest.sources import JSONL_SUFFIXES, Source, accepted, file_source, is_archive

__all__ = ["file_identity", "iter_files", "iter_sources"]

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))

FileId = tuple[int, int]


def file_identity(path: Path) -> FileId | None:
    """(device, inode) of an existing path, to recognise it under any spelling; None
    when it does not exist or cannot be reached."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _cannot(path: Path, exc: OSError, what: str = "cannot read") -> IngestError:
    reason = "no such file or directory" if isinstance(exc, (FileNotFoundError, NotADirectoryError)) \
        else f"{what}: {(exc.strerror or str(exc)).lower()}"
    return IngestError(printable(str(path)), "ingest", reason)


def _not_regular(mode: int) -> str | None:
    """"not a regular file (a FIFO)" for a FIFO, socket or device; None for a regular file."""
    return next((f"not a regular file ({what})" for test, what in _KINDS if test(mode)), None)


def _bad_name(path: Path) -> IngestError | None:
    shown = printable(str(path))
    if shown == str(path):
        return None
    return IngestError(shown, "ingest", "file name is not UTF-8 (rename the file)")


def iter_files(inputs: Iterable[str | Path], *, skip: Collection[FileId] = ()) -> Iterator[Path | IngestError]:
    """Every input file, directories walked in sorted order; unusable paths as errors.

    Accepted: text, HTML, WARC (``.warc``, ``.warc.gz``) and JSONL files. Inside a
    directory, other files are ignored; named on the command line, they are errors.
    ``skip`` holds the (device, inode) of paths that are never inputs (the run's output
    directory and store): a directory among them is not entered, a file among them is
    left out.
    """
    visited: set[FileId] = set()
    for item in inputs:
        path = Path(item)
        try:
            st = path.stat()
        except OSError as exc:
            yield _cannot(path, exc)
            continue
        if (st.st_dev, st.st_ino) in skip:
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, (st.st_dev, st.st_ino), skip, visited)
            continue
        if accepted(path) or _bad_name(path) or _not_regular(st.st_mode):
            yield _file(path, st.st_mode)
        else:
            yield IngestError(str(path), "ingest", f"unsupported file type {path.suffix or '(none)'!r}")


def _file(path: Path, mode: int) -> Path | IngestError:
    """An input file, or why it cannot be one (its name is not UTF-8, it is a FIFO ...)."""
    problem = _bad_name(path)
    if problem is not None:
        return problem
    kind = _not_regular(mode)
    return path if kind is None else IngestError(str(path), "ingest", kind)


def _walk(folder: Path, ident: FileId, skip: Collection[FileId], visited: set[FileId]) -> Iterator[Path | IngestError]:
    """The accepted files under ``folder``, in the order of their sorted path parts."""
    if ident in visited:  # a link back up the tree, or a folder named twice
        return
    visited.add(ident)
    try:
        # the names only: a directory entry keeps its stat once asked (about 0.7 KB a
        # file, held until the folder is done: 35 MB for a folder of 50,000 articles)
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield _cannot(folder, exc, "cannot list directory")
        return
    for name in names:
        path = folder / name
        try:
            st = os.stat(path)  # follows a symbolic link
        except OSError as exc:
            if os.path.islink(path):
                continue  # a dangling link: no input behind it
            yield _cannot(path, exc)
            continue
        if (st.st_dev, st.st_ino) in skip:
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, (st.st_dev, st.st_ino), skip, visited)
        elif accepted(path):
            yield _file(path, st.st_mode)


def iter_sources(inputs: Iterable[str | Path], *, max_bytes: int = 20 * 1024 * 1024,
                 skip: Collection[FileId] = ()) -> Iterator[Source | IngestError]:
    """Every input document, in a stable order; unusable inputs and records as errors.

    A WARC or JSONL file gives one source per record (see :mod:`pipeline.ingest.archive`);
    ``max_bytes`` bounds one record's payload there. An archive reader that fails in a
    way it did not foresee costs an error item naming the file, and the walk goes on
    with the next file.
    """
    for item in iter_files(inputs, skip=skip):
        if isinstance(item, IngestError):
            item.origin = item.origin or item.source
            yield item
        elif is_archive(item):
            yield from _archive(item, max_bytes)
        else:
            yield file_source(item)


def _archive(path: Path, max_bytes: int) -> Iterator[Source | IngestError]:
    """The records of one archive; whatever the reader did not foresee ends this file
    with its error item, never the walk."""
    reader = iter_jsonl if path.name.lower().endswith(JSONL_SUFFIXES) else iter_warc
    try:
        for record in reader(path, max_bytes=max_bytes):
            if isinstance(record, IngestError):
                record.origin = str(path)
            yield record
    except OSError as exc:
        error = _cannot(path, exc)
        error.origin = str(path)
        yield error
    except Exception as exc:  # a bug or an input nobody foresaw: this file's error, not the run's
        yield IngestError(str(path), "ingest", f"internal error reading the archive: {type(exc).__name__}: {exc}",
                          origin=str(path))
