"""Letting a burst of requests start a few at a time, so no event-loop iteration holds all of their first steps.

A hundred chat events that arrive together (a gateway delivering a backlog) would each take their first steps in
the same loop iteration, then their next ones in the next: each step is short, but a hundred of them held the loop
for 40-100 ms at a time (measured with 100 mentions at once), and a heartbeat or timer due meanwhile waited for all
of them. Started a few per iteration, the requests fall out of step and every iteration stays short. Nothing is
bounded but the start: a request that then waits on a slow site holds no slot.
"""

from __future__ import annotations

import asyncio
from collections import deque

STARTS_PER_ITERATION = 8
"""Requests let through per loop iteration: 100 at once start over ~13 iterations, a few milliseconds."""


class Pacer:
    """Lets waiting callers through STARTS_PER_ITERATION per event-loop iteration, in arrival order."""

    def __init__(self, per_iteration: int = STARTS_PER_ITERATION) -> None:
        self._per_iteration = per_iteration
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._passed = 0
        self._releasing = False

    async def turn(self) -> None:
        """Returns at once while fewer than `per_iteration` callers went through this iteration, else when its
        turn comes in a later one."""
        loop = asyncio.get_running_loop()
        if not self._releasing:
            self._releasing = True
            self._passed = 0
            loop.call_soon(self._next_iteration)
        if not self._waiting and self._passed < self._per_iteration:
            self._passed += 1
            return
        future = loop.create_future()
        self._waiting.append(future)
        await future

    def _next_iteration(self) -> None:
        self._passed = 0
        while self._waiting and self._passed < self._per_iteration:
            future = self._waiting.popleft()
            if not future.done():  # a caller cancelled while waiting gives its turn to the next
                future.set_result(None)
                self._passed += 1
        if self._waiting:
            asyncio.get_running_loop().call_soon(self._next_iteration)
        else:
            self._releasing = False
