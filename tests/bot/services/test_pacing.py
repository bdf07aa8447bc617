"""A burst of requests starts a few per event-loop iteration, in arrival order."""

from __future__ import annotations

import asyncio

import pytest

from bot.services.pacing import Pacer


async def _iterations_until_started(pacer: Pacer, callers: int) -> list[int]:
    """For each caller, in arrival order, the loop iteration (counted by a ticking task) in which its turn came."""
    iteration = 0
    started: list[int] = []

    async def count() -> None:
        nonlocal iteration
        while True:
            await asyncio.sleep(0)
            iteration += 1

    async def caller() -> None:
        await pacer.turn()
        started.append(iteration)

    counting = asyncio.create_task(count())
    await asyncio.gather(*(caller() for _ in range(callers)))
    counting.cancel()
    return started


async def test_a_burst_of_twenty_starts_eight_per_iteration_in_order():
    started = await _iterations_until_started(Pacer(per_iteration=8), 20)
    assert started == sorted(started)
    assert [started.count(n) for n in sorted(set(started))] == [8, 8, 4]


async def test_a_lone_caller_does_not_wait():
    turn = Pacer(per_iteration=8).turn()
    with pytest.raises(StopIteration):  # finished without suspending: no loop iteration waited for
        turn.send(None)


async def test_a_caller_cancelled_while_waiting_gives_its_turn_to_the_next():
    pacer = Pacer(per_iteration=1)
    await pacer.turn()
    waiting = [asyncio.create_task(pacer.turn()) for _ in range(3)]
    await asyncio.sleep(0)
    waiting[0].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert waiting[1].done() and not waiting[1].cancelled()
    await asyncio.gather(*waiting[1:])
