"""Many people briefing the same link at once: one fetch, one briefing, every caller answered."""

from __future__ import annotations

import asyncio

import pytest

from bot.services import FromUrl, brief
from tests.conftest import SHARED

PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"


async def test_concurrent_briefs_of_one_link_fetch_it_once(runtime, pages):
    if not PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=PAGE.read_bytes())
    results = await asyncio.gather(*(brief(runtime, FromUrl(pages.url("/news/burials"))) for _ in range(20)))
    assert len(pages.requests) == 1
    assert len({r.reply.title for r in results}) == 1 and results[0].reply.sentences


async def test_a_cancelled_caller_does_not_cancel_the_shared_work(runtime):
    release = asyncio.Event()

    async def work() -> str:
        await release.wait()
        return "done"

    first = asyncio.ensure_future(runtime.coalesce("k", work))
    second = asyncio.ensure_future(runtime.coalesce("k", work))
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == "done"
