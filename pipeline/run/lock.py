"""One writer per output directory: :func:`output_lock` holds an exclusive lock on
``DIR/.thidua.lock`` while a run or an export writes there, so a second ``thidua run``
on the same ``--out`` stops at once with "another run is writing DIR (pid N)" instead of
racing the first for the same files.

The lock is ``flock`` on Linux and macOS (released by the kernel when the process
ends, however it ends: no stale lock after a kill), ``msvcrt.locking`` on Windows. A
forked worker closes its copy of the lock's descriptor at once: ``flock`` belongs to the
open file, which a fork shares, so a worker still dying after its parent was killed would
otherwise hold the directory a moment longer than the run that took it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["LOCK_NAME", "Busy", "output_lock"]

LOCK_NAME = ".thidua.lock"
_HELD: set[int] = set()  # descriptors of the locks this process holds


def _close_held_in_child() -> None:
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_in_child)


class Busy(Exception):
    """Another process holds the output directory."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def output_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the output directory's lock for the ``with`` block.

    Raises:
        Busy: another process holds it ("another run is writing DIR (pid N)").
        OSError: the lock file cannot be created (an unwritable directory).
    """
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        if not _try_lock(fd):
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() if hasattr(os, "pread") else ""
            raise Busy(f"another run is writing {out_dir} (pid {holder or 'unknown'}); wait for it to finish")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0) if hasattr(os, "pwrite") else os.write(fd, f"{os.getpid()}\n".encode())
        _HELD.add(fd)
        yield path
    finally:
        _HELD.discard(fd)
        os.close(fd)
