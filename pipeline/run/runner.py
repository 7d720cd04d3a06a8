"""Running a corpus into the store: streaming, resumable, on every core.

Sources are read lazily (:func:`pipeline.ingest.walk.iter_sources`); the main process hashes
each input, skips those already current in the store, and hands the rest in small
batches to a pool of worker processes, never holding more than a bounded number in
flight, so memory stays flat whatever the corpus size. Each batch of finished documents
is committed in one transaction, by the worker that made it (SQLite serialises the
writers; the main process only reads the store and records errors): a crash loses at most
the batches in flight, never part of a document. A worker that dies
costs the document that killed it one error row; the pool restarts and goes on.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import __version__
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import Source, disambiguated_id
from pipeline.ingest.walk import iter_sources
from pipeline.options import Options
from pipeline.run.results import DocumentResult, ErrorRecord
from pipeline.run.store import Store

__all__ = ["RunStats", "fingerprint", "run_to_store", "default_workers"]

_BATCH = 8  # documents per task: amortises inter-process overhead
_INFLIGHT_PER_WORKER = 4  # tasks queued per worker: keeps every core busy, memory bounded
_CLAIMED_KEEP = 10_000  # far more than can be in flight


@dataclass
class RunStats:
    """What a run did."""

    processed: int = 0
    skipped: int = 0
    failed: int = 0
    bytes: int = 0  # input bytes of the processed documents
    errors: list[ErrorRecord] = field(default_factory=list)


def default_workers() -> int:
    """All cores this process may use.

    >>> default_workers() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def fingerprint(options: Options) -> str:
    """What, besides the input bytes, decides a document's records: the thidua version,
    the options that change extraction and the data files (lexicons, legacy encodings).

    >>> fingerprint(Options(ner=False)).startswith("thidua 0.1.0 ner=0 lexicon=")
    True
    """
    root = Path(__file__).resolve().parent.parent.parent
    digest = hashlib.sha256()
    for path in sorted([*(root / "extractors" / "data").glob("*.toml"),
                        *(root / "pipeline" / "ingest" / "data").glob("*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"thidua {__version__} ner={int(options.ner)} lexicon={digest.hexdigest()[:12]}"


# -- worker side ---------------------------------------------------------------------

_WORKER: dict[str, object] = {}  # per worker process: the lexicon, its store connection


@dataclass(frozen=True)
class Stored:
    """A document a worker extracted and committed to the store itself."""

    doc_id: str
    size: int


def _preload(options: Options) -> None:
    """Import the models' code and load the lexicon once, before the pool forks, so that
    workers start with them instead of each paying for it. underthesea's NER code only
    when NER is on: importing the package costs about a second."""
    from importlib import import_module

    from extractors.lexicon import Lexicon
    from pipeline.segment import sent_tokenizer

    if options.ner:
        import_module("underthesea.pipeline.ner")  # code; the model loads lazily
    sent_tokenizer()("Tải bộ tách câu.")  # its code and its abbreviations

    _WORKER.setdefault("lexicon", Lexicon.load())


def _init(options: Options, store_path: Path | None = None, fp: str = "") -> None:
    from extractors.lexicon import Lexicon

    if "lexicon" not in _WORKER:  # not inherited from a forking parent
        _WORKER["lexicon"] = Lexicon.load()
    _WORKER["options"] = options
    _WORKER["store"] = Store(store_path) if store_path is not None else None
    _WORKER["fingerprint"] = fp


def _work(batch: list[Source]) -> list[DocumentResult | ErrorRecord | Stored]:
    """Extract a batch; with a store of its own (pool workers), commit the batch's
    documents there in one transaction and send back only receipts, so the main process
    stays light."""
    from pipeline.run.orchestrate import process_one

    results = [process_one(src, _WORKER["lexicon"], _WORKER["options"]) for src in batch]  # type: ignore[arg-type]
    store = _WORKER.get("store")
    if not isinstance(store, Store):
        return list(results)
    store.put_many([r for r in results if isinstance(r, DocumentResult)], fingerprint=str(_WORKER["fingerprint"]))
    return [Stored(r.doc_id, r.size) if isinstance(r, DocumentResult) else r for r in results]


# -- main side -----------------------------------------------------------------------


def _prepared(inputs: Iterable[str | Path], store: Store, options: Options, *, force: bool, fp: str,
              skip: Callable[[], None]) -> Iterator[Source | ErrorRecord]:
    """Sources with their bytes read and their doc_id settled, minus the current ones."""
    # doc_id -> source of the documents handed out lately: those may not be stored yet.
    # Older ones are in the store (or failed), so the map stays small on any corpus.
    claimed: OrderedDict[str, str] = OrderedDict()
    for item in iter_sources(inputs, max_bytes=options.max_bytes):
        if isinstance(item, IngestError):
            yield ErrorRecord(item.source, item.stage, item.reason)
            continue
        try:
            size = item.path.stat().st_size if item.path is not None else 0
            if size > options.max_bytes:  # refused before reading: bounded memory
                yield ErrorRecord(item.source, "ingest", f"file too large ({size:,} bytes > limit {options.max_bytes:,})")
                continue
            data = item.read()
        except OSError as exc:
            yield ErrorRecord(item.source, "ingest", f"cannot read: {exc.strerror or exc}")
            continue
        sha = hashlib.sha256(data).hexdigest()
        doc_id = _settle_id(item, store, claimed)
        if doc_id is None:  # the very same record again (a WARC duplicate)
            skip()
            continue
        claimed[doc_id] = item.source
        if len(claimed) > _CLAIMED_KEEP:
            claimed.popitem(last=False)
        if not force and store.is_current(doc_id, sha, fp):
            skip()
            continue
        yield replace(item, doc_id=doc_id, data=data, path=None)


def _settle_id(src: Source, store: Store, claimed: dict[str, str]) -> str | None:
    """The source's doc_id, made unique when another input already has it
    (two ``bai-1.txt`` in different folders): ``bai-1-<hash of the path>``."""
    owner = claimed.get(src.doc_id)
    if owner is None:
        found = store.state(src.doc_id)
        owner = found[0] if found else None
    if owner is None or owner == src.source:
        return src.doc_id
    if src.path is None:  # a record: its id already hashes URL and content
        return None
    return disambiguated_id(src.doc_id, src.source)


def _progress(total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="thidua", disable=not sys.stderr.isatty(), file=sys.stderr,
                dynamic_ncols=True, smoothing=0.1)


def run_to_store(inputs: Iterable[str | Path], store: Store, options: Options, *, workers: int = 1,
                 force: bool = False, total: int | None = None,
                 on_error: Callable[[ErrorRecord], None] | None = None) -> RunStats:
    """Extract every input not yet current in ``store``; returns what was done.

    ``workers`` > 1 runs a process pool; 1 runs in this process. ``on_error`` is called
    with each :class:`ErrorRecord` as it happens (for the one-line messages).
    """
    stats = RunStats()
    fp = fingerprint(options)
    bar = _progress(total)

    def record(item: DocumentResult | ErrorRecord | Stored) -> None:
        if isinstance(item, ErrorRecord):
            store.put_error(item)
            stats.failed += 1
            stats.errors.append(item)
            if on_error:
                on_error(item)
        else:
            if isinstance(item, DocumentResult):
                store.put(item, fingerprint=fp)
            stats.processed += 1
            stats.bytes += item.size
        bar.update(1)

    def skip() -> None:
        stats.skipped += 1
        bar.update(1)

    work = _prepared(inputs, store, options, force=force, fp=fp, skip=skip)
    try:
        if workers <= 1:
            _run_here(work, options, record, store.path, fp)
        else:
            _run_pool(work, options, workers, record, store.path, fp)
    finally:
        bar.close()
    return stats


def _batches(work: Iterator[Source | ErrorRecord], record: Callable[[ErrorRecord], None]) -> Iterator[list[Source]]:
    """The sources in batches of :data:`_BATCH`; error records are recorded as they come."""
    batch: list[Source] = []
    for item in work:
        if isinstance(item, ErrorRecord):
            record(item)
            continue
        batch.append(item)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_here(work: Iterator[Source | ErrorRecord], options: Options,
              record: Callable[[DocumentResult | ErrorRecord | Stored], None], store_path: Path, fp: str) -> None:
    """One worker: extraction in this process, each batch committed in one transaction."""
    _init(options, store_path, fp)
    try:
        for batch in _batches(work, record):
            for item in _work(batch):
                record(item)
    finally:
        own = _WORKER.pop("store", None)
        if isinstance(own, Store):
            own.close()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it: workers then start with the preloaded lexicon and
    model code instead of importing them again (see :func:`_preload`)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


class _Pool:
    """The worker pool, restarted when a worker dies (killed for memory, a crash in
    native code): the documents that were in flight are retried one by one, and the one
    that kills a worker again becomes an error row instead of ending the run."""

    def __init__(self, options: Options, workers: int, store_path: Path, fp: str,
                 record: Callable[[DocumentResult | ErrorRecord | Stored], None]) -> None:
        self.options, self.workers, self.store_path, self.fp, self.record = options, workers, store_path, fp, record
        self.pending: dict[Future, list[Source]] = {}
        self.executor: ProcessPoolExecutor | None = None  # started with the first batch

    def submit(self, sources: list[Source]) -> None:
        if self.executor is None:
            _preload(self.options)
            self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(), initializer=_init,
                                                initargs=(self.options, self.store_path, self.fp))
        self.pending[self.executor.submit(_work, sources)] = sources

    def drain(self, until: int) -> None:
        while len(self.pending) > until:
            done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
            for fut in done:
                sources = self.pending.pop(fut)
                try:
                    items = fut.result()
                except BrokenProcessPool:
                    self._recover(sources)
                    return self.drain(until)
                for item in items:
                    self.record(item)

    def _recover(self, failed: list[Source]) -> None:
        """Restart the pool; retry every unfinished document alone, so that the one
        that kills its worker again is known and reported."""
        retry = failed + [src for sources in self.pending.values() for src in sources]
        self.pending.clear()
        self.close()
        for src in retry:
            self.submit([src])
            fut = next(iter(self.pending))
            try:
                items = fut.result()
            except BrokenProcessPool:
                items = [ErrorRecord(src.source, "extract",
                                     "the worker process died on this document (out of memory or a crash)")]
                self.close()
            self.pending.clear()
            for item in items:
                self.record(item)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _run_pool(work: Iterator[Source | ErrorRecord], options: Options, workers: int,
              record: Callable[[DocumentResult | ErrorRecord | Stored], None], store_path: Path, fp: str) -> None:
    pool = _Pool(options, workers, store_path, fp, record)
    limit = workers * _INFLIGHT_PER_WORKER
    try:
        for batch in _batches(work, record):
            pool.submit(batch)
            pool.drain(limit)
        pool.drain(0)
    finally:
        pool.close()
