"""A built :class:`~extractors.lexicon.Lexicon` kept on disk, so a process starts fast.

Building the lexicon (reading the TOML files and the administrative divisions, writing
and compiling a hundred patterns) takes about 0.75 s; unpickling a built one takes
0.08 s (its patterns recompile from their sources, which Python's ``re`` does in
microseconds for a pattern it has seen). Every run pays the build once in its main
process before the workers fork, so it is serial time: a tenth of a 2-worker run of
2,000 documents.

The cache holds one pickle per *build key*: a SHA-256 over everything the build reads,
the bytes of every data file, the source of every module of :mod:`extractors` (the code
that builds), the administrative-divisions dataset's path, size and modification time,
and the Python and ``regex`` versions. Any change to any of them is another key, so a
stale lexicon is never read; an entry that cannot be read (truncated, another Python) is
built again and rewritten. The cache is where ``THIDUA_CACHE_DIR`` says, else
``$XDG_CACHE_HOME/thidua``, else ``~/.cache/thidua``; ``THIDUA_CACHE_DIR=off`` turns it
off. A directory that cannot be written leaves the build uncached, never failing it.
The newest :data:`KEEP` entries are kept.

The key hashes the code as it is on disk, but a build runs the code this process loaded.
When they differ (a module was edited while the process ran), a lexicon built by the old
code would be stored under the new code's key and served to every later run; so a process
whose code on disk has changed since it started neither reads nor writes the cache.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import regex

from extractors.places import dataset_path

__all__ = ["KEEP", "build_key", "cache_dir", "cached_build"]

KEEP = 8  # entries kept: a few checkouts of different code may share one cache
_FORMAT = b"thidua-lexicon-cache 1"
_PACKAGE = Path(__file__).parent
_LOG = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir(environ: dict[str, str] | os._Environ[str] | None = None) -> Path | None:
    """Where built lexicons are kept, or None when caching is off (``THIDUA_CACHE_DIR=off``).

    >>> cache_dir({"THIDUA_CACHE_DIR": "/tmp/x"}), cache_dir({"THIDUA_CACHE_DIR": "off"})
    (PosixPath('/tmp/x'), None)
    >>> cache_dir({"XDG_CACHE_HOME": "/var/cache/u", "HOME": "/home/u"})
    PosixPath('/var/cache/u/thidua')
    """
    env = os.environ if environ is None else environ
    chosen = env.get("THIDUA_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no", "false") else Path(chosen)
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "thidua"
    home = env.get("HOME")
    return Path(home) / ".cache" / "thidua" if home else None


def _code_digest(package: Path) -> bytes:
    """A digest of the source of every module of ``package`` as it is on disk now."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


_LOADED_CODE = _code_digest(_PACKAGE)  # the code this process runs, as it was when it started


def build_key(data_dir: Path) -> str:
    """The build key of a lexicon built from ``data_dir`` by this code (see the module)."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"{sys.version}\0{regex.__version__}\0".encode())
    for path in sorted(data_dir.glob("*.toml")):
        digest.update(f"\0data:{path.name}\0".encode())
        digest.update(path.read_bytes())
    digest.update(b"\0code\0" + _code_digest(_PACKAGE))
    try:
        dataset = dataset_path()
        stat = dataset.stat()
        digest.update(f"\0{dataset}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    except (ModuleNotFoundError, OSError) as exc:  # the build itself will say what is missing
        digest.update(f"\0no dataset: {exc}".encode())
    return digest.hexdigest()


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: lambda m: (_proxy, (dict(m),))}
    pickler.dump(value)
    return buffer.getvalue()


def cached_build(data_dir: Path, build: Callable[[], T], *, kind: type[T], directory: Path | None = None,
                 use_cache: bool = True) -> T:
    """``build()``, or the lexicon it built before from the same inputs (a ``kind``);
    ``directory`` (default :func:`cache_dir`) holds the entries."""
    where = directory if directory is not None else cache_dir()
    if not use_cache or where is None:
        return build()
    if _code_digest(_PACKAGE) != _LOADED_CODE:
        _LOG.debug("the code of %s changed since this process started: lexicon built, not cached", _PACKAGE)
        return build()
    entry = where / f"lexicon-{build_key(data_dir)}.pickle"
    try:
        with entry.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, kind):
            return value
        _LOG.debug("lexicon cache %s holds a %s, not a %s: built again", entry, type(value).__name__, kind.__name__)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign entry: build and rewrite it
        _LOG.debug("lexicon cache %s unreadable (%s): built again", entry, exc)
    value = build()
    _store(where, entry, value)
    return value


def _store(where: Path, entry: Path, value: object) -> None:
    """Write ``entry`` atomically (readers never see half a file); drop the oldest beyond
    :data:`KEEP`. A cache that cannot be written is left alone: the build stands."""
    try:
        data = _dumps(value)
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(where.glob("lexicon-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        _LOG.debug("lexicon cache %s not written: %s", where, exc)
