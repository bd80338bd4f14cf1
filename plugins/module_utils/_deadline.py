# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A deadline for a whole HTTP attempt: connecting, sending and every byte of the answer.

Private to proofpoint.essentials: other collections must not import it; it may change in any release.
requests' timeout bounds each socket operation, so a server that sends a byte every few seconds holds
an attempt for ever. Here each attempt is watched by one thread per process: at the attempt's deadline
it shuts the attempt's socket down, which ends the blocked read at once.
"""

from __future__ import annotations

import heapq
import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

try:
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
except ImportError:  # _http_client reports the missing library
    HTTPAdapter = HTTPConnection = HTTPSConnection = HTTPConnectionPool = HTTPSConnectionPool = object  # type: ignore

_current = threading.local()


class Attempt:
    """One request under way; ``expired`` once its deadline passed before it finished."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False
        self._finished = False
        self._connection: Any = None
        self._lock = threading.Lock()

    def uses(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection

    def expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            sock = getattr(self._connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the attempt is ending anyway

    def finish(self) -> None:
        with self._lock:
            self._finished = True


class _Watchdog:
    """Expires attempts at their deadlines, from one daemon thread (started again after a fork)."""

    def __init__(self) -> None:
        self._pid = -1
        self._order = itertools.count()
        self._heap: list[tuple[float, int, Attempt]] = []
        self._wake = threading.Condition()

    def watch(self, attempt: Attempt) -> None:
        if self._pid != os.getpid():
            # A forked child (an Ansible worker) has the parent's state but not its thread.
            self._pid, self._heap, self._wake = os.getpid(), [], threading.Condition()
            threading.Thread(target=self._run, args=(self._wake, self._heap), daemon=True).start()
        with self._wake:
            heapq.heappush(self._heap, (attempt.deadline, next(self._order), attempt))
            self._wake.notify()

    @staticmethod
    def _run(wake: threading.Condition, heap: list[tuple[float, int, Attempt]]) -> None:
        while True:
            with wake:
                while not heap or heap[0][0] > time.monotonic():
                    wake.wait(heap[0][0] - time.monotonic() if heap else None)
                _deadline, _order, attempt = heapq.heappop(heap)
            attempt.expire()


_WATCHDOG = _Watchdog()


@contextmanager
def deadline(seconds: float) -> Iterator[Attempt]:
    """The requests made in this block by this thread, through a DeadlineAdapter, end within ``seconds``."""
    attempt = Attempt(time.monotonic() + seconds)
    _current.attempt = attempt
    _WATCHDOG.watch(attempt)
    try:
        yield attempt
    finally:
        attempt.finish()
        _current.attempt = None


class _Tracked:
    """Mixed into urllib3's connections: each request tells the thread's attempt which socket it uses."""

    def request(self, *args: Any, **kwargs: Any) -> Any:
        attempt = getattr(_current, "attempt", None)
        if attempt is not None:
            attempt.uses(self)
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Tracked, HTTPConnection):
    pass


class _HTTPSConnection(_Tracked, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


POOL_CLASSES = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter whose connections (direct or through a proxy) can be cut at a deadline."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = POOL_CLASSES

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(*args, **kwargs)
        manager.pool_classes_by_scheme = POOL_CLASSES
        return manager
