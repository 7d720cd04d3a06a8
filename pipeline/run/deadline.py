"""A time budget for one document: :func:`time_limit` raises :class:`Overtime` when the
work inside it runs past the budget (``--doc-timeout``, default 60 s).

The budget is a real-time interval timer (``SIGALRM``): it needs the main thread of a
process, which is where the runner extracts (in this process with ``--workers 1``, in
each worker process otherwise). Elsewhere (a thread, a platform without ``setitimer``)
the work runs unbounded. :class:`Overtime` is a ``BaseException``, so no ``except
Exception`` inside a parser or an extractor swallows it; the runner's guard turns it into
the document's error row and the worker goes on with the next document. The timer fires
between Python bytecodes: a single call into C code (one regular-expression search) is
not interrupted until it returns.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Overtime", "time_limit"]


class Overtime(BaseException):  # noqa: N818 - not an error of the code: a budget ran out
    """The work ran past its time budget of ``seconds``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took more than {seconds:g} s")
        self.seconds = seconds


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Overtime` inside the ``with`` block once ``seconds`` have passed.

    ``None`` or ``0`` means no limit. Nested limits are not supported (the inner one
    replaces the outer one for its duration).

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    if not seconds or seconds <= 0 or not _usable():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise Overtime(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
