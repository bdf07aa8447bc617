"""Claims on chat events, so a platform's retry (or the second event one post raises) is answered once.

The claims are kept only by work that posted: work stopped at shutdown, or failing before its first message,
gives its claims back, so the platform's retry of the event, to this process or another, is answered after all.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.services.runtime import Runtime


class EventClaims:
    """The claims one event's work holds in the store; `release()` gives back every one of them."""

    def __init__(self, runtime: Runtime, platform: str) -> None:
        self.runtime = runtime
        self.platform = platform
        self.held: list[str] = []

    async def claim(self, key: str) -> bool:
        """True when no process holds a claim on `key`: this work now holds it.

        A claim written as the caller is cancelled is still recorded as held, so `release()` gives it back.
        """
        store = await self.runtime.store()
        claiming = asyncio.ensure_future(asyncio.to_thread(store.claim_event, self.platform, key))
        try:
            claimed = await asyncio.shield(claiming)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                if await claiming:
                    self.held.append(key)
            raise
        if claimed:
            self.held.append(key)
        return bool(claimed)

    async def release(self) -> None:
        """Gives back every claim held; completes even while the caller is being cancelled."""
        if not self.held:
            return
        keys, self.held = self.held, []
        store = await self.runtime.store()
        await asyncio.shield(asyncio.to_thread(store.release_events, self.platform, keys))
