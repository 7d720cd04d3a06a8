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
import signal
import sys
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import __version__
from pipeline.ingest.errors import IngestError, printable
from pipeline.ingest.sources import Source, disambiguated_id
from pipeline.ingest.walk import FileId, iter_sources
from pipeline.options import Options
from pipeline.run.results import DocumentResult, ErrorRecord, SourceRef
from pipeline.run.store import Store, StoreError

__all__ = ["RunStats", "default_workers", "fingerprint", "run_to_store", "source_ref"]

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
    run_id: int = 0
    pruned: int = 0  # documents removed by --prune
    duplicates: int = 0  # documents marked near-duplicates of another
    warnings: list[ErrorRecord] = field(default_factory=list)  # documents stored with a warning
    copies: int = 0  # inputs with the very bytes of a stored or in-flight input: one more source, nothing extracted


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

_WORKER: dict[str, object] = {}  # per worker process: the lexicon, its store connection, the run


@dataclass(frozen=True)
class Stored:
    """A document a worker extracted and committed to the store itself."""

    doc_id: str
    size: int
    warnings: tuple[str, ...] = ()
    source: str = ""
    file: str = ""


Task = tuple[Source, SourceRef]


def _preload(options: Options) -> None:
    """Import the models' code and load the lexicon once, before the pool forks, so that
    workers start with them instead of each paying for it. underthesea's NER code only
    when NER is on: importing the package costs about a second."""
    from importlib import import_module

    from extractors.lexicon import Lexicon
    from pipeline.segment import sent_tokenizer

    if options.ner:
        import_module("underthesea.pipeline.ner")  # code; the model loads lazily
    import_module("numpy")  # the near-duplicate signatures
    sent_tokenizer()("Tải bộ tách câu.")  # its code and its abbreviations

    _WORKER.setdefault("lexicon", Lexicon.shared())


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (``PR_SET_PDEATHSIG``), so a
    run killed with SIGKILL leaves no worker waiting on its pipe; then make sure the
    parent did not die before the request was made."""
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _init(options: Options, store_path: Path | None = None, fp: str = "", run_id: int = 0, force: bool = False,
          parent: int | None = None) -> None:
    from extractors.lexicon import Lexicon

    if parent is not None:  # a pool worker: the main process handles Ctrl-C and stops the pool
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent(parent)
    if "lexicon" not in _WORKER:  # not inherited from a forking parent
        _WORKER["lexicon"] = Lexicon.shared()
    _WORKER["options"] = options
    _WORKER["store"] = Store(store_path) if store_path is not None else None
    _WORKER["fingerprint"] = fp
    _WORKER["run_id"] = run_id
    _WORKER["force"] = force


def _work(batch: list[Task]) -> list[DocumentResult | ErrorRecord | Stored]:
    """Extract a batch; with a store of its own (pool workers, and this process with one
    worker), commit the batch's documents there in one transaction and send back only
    receipts, so the main process stays light. A document the store refuses (a value
    SQLite cannot hold) is that document's error row; a store that cannot be written at
    all (a full disk) stops the run. Ctrl-C stores the documents finished so far first."""
    from pipeline.run.orchestrate import process_one

    results: list[DocumentResult | ErrorRecord] = []
    try:
        for src, ref in batch:
            result = process_one(src, _WORKER["lexicon"], _WORKER["options"])  # type: ignore[arg-type]
            if isinstance(result, ErrorRecord):
                results.append(replace(result, file=ref.file))
            else:
                result.ref = ref
                results.append(result)
    except KeyboardInterrupt:
        _commit_batch(results)
        raise
    return _commit_batch(results)


def _commit_batch(results: list[DocumentResult | ErrorRecord]) -> list[DocumentResult | ErrorRecord | Stored]:
    store = _WORKER.get("store")
    if not isinstance(store, Store):
        return list(results)
    docs = [r for r in results if isinstance(r, DocumentResult)]
    options = {"fingerprint": str(_WORKER["fingerprint"]), "run_id": int(_WORKER["run_id"]),  # type: ignore[call-overload]
               "force": bool(_WORKER["force"])}
    try:
        done: list[str | ErrorRecord] = list(store.put_many(docs, **options))
    except StoreError:
        raise
    except Exception:  # one document's values: store them one by one to know which
        done = [commit(store, doc, **options) for doc in docs]
    receipts = iter(done)
    out: list[DocumentResult | ErrorRecord | Stored] = []
    for r in results:
        if isinstance(r, ErrorRecord):
            out.append(r)
            continue
        committed = next(receipts)
        out.append(committed if isinstance(committed, ErrorRecord) else stored_receipt(committed, r))
    return out


def stored_receipt(doc_id: str, result: DocumentResult) -> Stored:
    """What the main process needs to know of a stored document."""
    ref = result.ref
    return Stored(doc_id, result.size, tuple(result.warnings), ref.source if ref else result.doc_id,
                  ref.file if ref else "")


def commit(store: Store, result: DocumentResult, *, fingerprint: str, run_id: int, force: bool) -> str | ErrorRecord:
    """Store one document: its doc_id, or its error row when the store refuses its values
    (a number SQLite cannot hold). A store that cannot be written at all (a full disk, a
    damaged file) raises :class:`~pipeline.run.store.StoreError` and stops the run."""
    try:
        return store.put(result, fingerprint=fingerprint, ref=result.ref, run_id=run_id, force=force)
    except StoreError:
        raise
    except Exception as exc:  # this document's values, not the store
        source = result.ref.source if result.ref else result.doc_id
        return ErrorRecord(printable(source), "store", printable(f"internal error: {type(exc).__name__}: {exc}"),
                           result.ref.file if result.ref else "")


# -- main side -----------------------------------------------------------------------


def _canonical(path: str | Path | None) -> str:
    """The canonical absolute path of an input file ("" when there is none)."""
    if not path:
        return ""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def source_ref(src: Source, sha256: str) -> SourceRef:
    """The input location of a source: a file's canonical absolute path; a WARC record's
    URL and WARC-Record-ID; a JSONL record's URL, file and line."""
    file = _canonical(src.origin or src.path)
    crawl_date = src.meta.get("crawl_date", "")
    if src.path is not None:
        return SourceRef(file, src.source, file, sha256)
    record_id = src.meta.get("record_id", "")
    where = record_id or f"{file}:{src.meta.get('line', '')}"
    return SourceRef(f"{src.source} {where}", src.source, file, sha256, record_id, crawl_date)


@dataclass
class _Plan:
    """What the main process decided while reading the inputs: the current inputs it
    touched, and the inputs whose very bytes another input of this run is giving."""

    touched: list[str] = field(default_factory=list)
    deferred: list[tuple[Source, SourceRef, str]] = field(default_factory=list)  # (source, its ref, first location)


def _prepared(inputs: Iterable[str | Path], store: Store, options: Options, *, force: bool, fp: str, run_id: int,
              plan: _Plan, skip: Callable[[], None], copied: Callable[[], None],
              skip_paths: Collection[FileId] = ()) -> Iterator[Task | ErrorRecord]:
    """Sources with their bytes read and their doc_id settled, minus the current ones.
    Whatever goes wrong with one input (even a bug) is that input's error row."""
    # doc_id -> location, and bytes sha256 -> location, of the inputs handed out lately:
    # those may not be stored yet. Older ones are in the store (or failed): the maps stay small.
    claimed: OrderedDict[str, str] = OrderedDict()
    inflight: OrderedDict[str, str] = OrderedDict()
    for item in iter_sources(inputs, max_bytes=options.max_bytes, skip=skip_paths):
        if isinstance(item, IngestError):
            yield ErrorRecord(printable(item.source), item.stage, printable(item.reason), _canonical(item.origin))
            continue
        try:
            task = _prepare(item, store, options, force=force, fp=fp, run_id=run_id, plan=plan, claimed=claimed,
                            inflight=inflight)
        except IngestError as exc:
            yield ErrorRecord(printable(exc.source), exc.stage, printable(exc.reason), _canonical(item.origin))
            continue
        except OSError as exc:
            yield ErrorRecord(printable(item.source), "ingest", f"cannot read: {printable(exc.strerror or str(exc))}",
                              _canonical(item.origin))
            continue
        except StoreError:
            raise
        except Exception as exc:  # a bug or an input nobody foresaw: this input's error row
            yield ErrorRecord(printable(item.source), "ingest", printable(f"internal error: {type(exc).__name__}: {exc}"),
                              _canonical(item.origin))
            continue
        if task == "current":
            skip()
            continue
        if task == "copy":
            copied()
            continue
        yield task
        if len(plan.touched) >= 512:
            store.touch(plan.touched, run_id)
            plan.touched.clear()
    store.touch(plan.touched, run_id)
    plan.touched.clear()


def _prepare(item: Source, store: Store, options: Options, *, force: bool, fp: str, run_id: int, plan: _Plan,
             claimed: OrderedDict[str, str], inflight: OrderedDict[str, str]) -> Task | str:
    """One input, read: its task, or why there is nothing to extract: ``"current"``, or
    ``"copy"`` (the very bytes of a stored or in-flight input)."""
    data = item.read(options.max_bytes)  # refused before reading when too large: bounded memory
    sha = hashlib.sha256(data).hexdigest()
    ref = source_ref(item, sha)
    state = store.source_state(ref.location)
    if not force:
        if state is not None and state[1] == sha and state[2] == fp:
            plan.touched.append(ref.location)
            return "current"
        same = store.doc_of_bytes(sha, fp)
        if same is not None:  # a copy of an input already extracted: one more source
            store.add_source(ref, same, run_id)
            return "copy"
        first = inflight.get(sha)
        if first is not None and first != ref.location:  # a copy of an input in flight: settled after it
            plan.deferred.append((replace(item, data=data, path=None), ref, first))
            return "copy"
    inflight[sha] = ref.location
    doc_id = state[0] if state is not None else _settle_id(item, store, claimed, ref)
    claimed[doc_id] = ref.location
    for recent in (claimed, inflight):
        if len(recent) > _CLAIMED_KEEP:
            recent.popitem(last=False)
    return replace(item, doc_id=doc_id, data=data, path=None), ref


def _settle_id(src: Source, store: Store, claimed: dict[str, str], ref: SourceRef) -> str:
    """The doc_id of a new input: its stem (or record id), made unique when another input
    already has it (two ``bai-1.txt`` in different folders): ``bai-1-<hash of the path>``."""
    owner = claimed.get(src.doc_id)
    if owner is None and store.has_doc(src.doc_id):
        owner = "(stored)"
    if owner is None or owner == ref.location:
        return src.doc_id
    return disambiguated_id(src.doc_id, src.source)


def _progress(total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="thidua", disable=not sys.stderr.isatty(), file=sys.stderr,
                dynamic_ncols=True, smoothing=0.1)


def run_to_store(inputs: Iterable[str | Path], store: Store, options: Options, *, workers: int = 1,
                 force: bool = False, total: int | None = None,
                 on_error: Callable[[ErrorRecord], None] | None = None, prune: bool = False,
                 skip_paths: Collection[FileId] = ()) -> RunStats:
    """Extract every input not yet current in ``store``; returns what was done.

    ``workers`` > 1 runs a process pool; 1 runs in this process. ``on_error`` is called
    with each :class:`ErrorRecord` as it happens (for the one-line messages). ``prune``
    removes the documents whose every input is gone. ``skip_paths``: (device, inode) of
    paths never to read (the run's output directory and store). The run is recorded in
    the store (``runs``), ``interrupted`` when it does not end normally (Ctrl-C).
    """
    stats = RunStats()
    fp = fingerprint(options)
    bar = _progress(total)
    stats.run_id = run_id = store.begin_run()
    plan = _Plan()

    def record(item: DocumentResult | ErrorRecord | Stored) -> None:
        if isinstance(item, DocumentResult):
            stored = commit(store, item, fingerprint=fp, run_id=run_id, force=force)
            item = stored if isinstance(stored, ErrorRecord) else stored_receipt(stored, item)
        if isinstance(item, ErrorRecord):
            store.put_error(item, run_id)
            stats.failed += 1
            stats.errors.append(item)
            if on_error:
                on_error(item)
        else:
            stats.processed += 1
            stats.bytes += item.size
            for warning in item.warnings:  # stored, and worth a look: a row of errors.csv, stage "warning"
                note = ErrorRecord(printable(item.source), "warning", warning, item.file)
                store.put_error(note, run_id)
                stats.warnings.append(note)
                if on_error:
                    on_error(note)
        bar.update(1)

    def skip() -> None:
        stats.skipped += 1
        bar.update(1)

    def copied() -> None:
        stats.copies += 1
        bar.update(1)

    work = _prepared(inputs, store, options, force=force, fp=fp, run_id=run_id, plan=plan, skip=skip, copied=copied,
                     skip_paths=skip_paths)
    status = "interrupted"
    try:
        if workers <= 1:
            _run_here(work, options, record, store.path, fp, run_id, force)
        else:
            _run_pool(work, options, workers, record, store.path, fp, run_id, force)
        _settle_deferred(plan, store, options, fp, run_id, record, copied)
        if prune:
            stats.pruned = store.prune()
        stats.duplicates = store.mark_near_duplicates()
        status = "done"
    finally:
        bar.close()
        try:
            store.end_run(run_id, status, stored=stats.processed, failed=stats.failed)
        except StoreError:
            if status == "done":
                raise
    return stats


def _settle_deferred(plan: _Plan, store: Store, options: Options, fp: str, run_id: int,
                     record: Callable[[DocumentResult | ErrorRecord | Stored], None], copied: Callable[[], None]) -> None:
    """The inputs that held the very bytes of an input in flight: a source of the document
    that input became, or (when it failed) extracted on their own."""
    for src, ref, first in plan.deferred:
        state = store.source_state(first)
        if state is not None and state[1] == ref.sha256:
            store.add_source(ref, state[0], run_id)
            copied()
            continue
        _init(options, fp=fp, run_id=run_id)
        item = _work([(src, ref)])[0]
        record(item)
    plan.deferred.clear()


def _batches(work: Iterator[Task | ErrorRecord], record: Callable[[ErrorRecord], None]) -> Iterator[list[Task]]:
    """The tasks in batches of :data:`_BATCH`; error records are recorded as they come."""
    batch: list[Task] = []
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


def _run_here(work: Iterator[Task | ErrorRecord], options: Options,
              record: Callable[[DocumentResult | ErrorRecord | Stored], None], store_path: Path, fp: str,
              run_id: int, force: bool) -> None:
    """One worker: extraction in this process, each batch committed in one transaction."""
    _init(options, store_path, fp, run_id, force)
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
                 record: Callable[[DocumentResult | ErrorRecord | Stored], None], run_id: int, force: bool) -> None:
        self.options, self.workers, self.store_path, self.fp, self.record = options, workers, store_path, fp, record
        self.run_id, self.force = run_id, force
        self.pending: dict[Future, list[Task]] = {}
        self.executor: ProcessPoolExecutor | None = None  # started with the first batch

    def submit(self, sources: list[Task]) -> None:
        if self.executor is None:
            _preload(self.options)
            self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(), initializer=_init,
                                                initargs=(self.options, self.store_path, self.fp, self.run_id,
                                                          self.force, os.getpid()))
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

    def _recover(self, failed: list[Task]) -> None:
        """Restart the pool; retry every unfinished document alone, so that the one
        that kills its worker again is known and reported."""
        retry = failed + [src for sources in self.pending.values() for src in sources]
        self.pending.clear()
        self.close()
        for task in retry:
            self.submit([task])
            fut = next(iter(self.pending))
            try:
                items = fut.result()
            except BrokenProcessPool:
                items = [ErrorRecord(task[0].source, "extract",
                                     "the worker process died on this document (out of memory or a crash)", task[1].file)]
                self.close()
            self.pending.clear()
            for item in items:
                self.record(item)

    def close(self, *, now: bool = False) -> None:
        """Stop the pool: wait for the workers to finish, or (``now``: Ctrl-C, an error)
        stop them at once (a transaction a worker was in rolls back)."""
        if self.executor is None:
            return
        if now:
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None


def _run_pool(work: Iterator[Task | ErrorRecord], options: Options, workers: int,
              record: Callable[[DocumentResult | ErrorRecord | Stored], None], store_path: Path, fp: str,
              run_id: int, force: bool) -> None:
    pool = _Pool(options, workers, store_path, fp, record, run_id, force)
    limit = workers * _INFLIGHT_PER_WORKER
    finished = False
    try:
        for batch in _batches(work, record):
            pool.submit(batch)
            pool.drain(limit)
        pool.drain(0)
        finished = True
    finally:
        pool.close(now=not finished)
