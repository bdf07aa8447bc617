"""URLs a user gives: the address rule holds from the store too, credentials are never kept or shown, long links and
HTML served as text are handled."""

from __future__ import annotations

import pytest

from bot.services import FromUrl, Runtime, brief
from bot.terminal import render
from bot.web import FetchRefused
from tests.bot.services.conftest import settings_for
from tests.conftest import SHARED

PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"
HTML = [("Content-Type", "text/html")]


@pytest.fixture
def page_bytes() -> bytes:
    if not PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    return PAGE.read_bytes()


async def test_a_page_stored_while_private_addresses_were_allowed_is_refused_after(tmp_path, pages, page_bytes):
    pages.serve("/intranet", headers=HTML, body=page_bytes)
    async with Runtime(settings_for(tmp_path)) as allowed:
        await brief(allowed, FromUrl(pages.url("/intranet")))
    async with Runtime(settings_for(tmp_path, allow_private_addresses=False)) as strict:
        with pytest.raises(FetchRefused, match="private network"):
            await brief(strict, FromUrl(pages.url("/intranet")))
    assert len(pages.requests) == 1


async def test_credentials_in_a_url_are_used_to_fetch_but_never_stored_or_shown(runtime, pages, page_bytes):
    pages.serve("/news/burials", headers=HTML, body=page_bytes)
    url = pages.url("/news/burials").replace("http://", "http://reader:hunter2@")
    briefed = await brief(runtime, FromUrl(url))
    assert pages.requests[0].headers.get("authorization", "").startswith("Basic ")
    for fmt in ("text", "markdown", "json"):
        assert "hunter2" not in render(briefed.reply, fmt)
    store = await runtime.store()
    record = store.find_article(url=pages.url("/news/burials"))
    assert record is not None and "hunter2" not in f"{record.url} {record.site_name} {record.article}"
    again = await brief(runtime, FromUrl(url))
    assert again.reply.cached and "hunter2" not in render(again.reply, "json")


async def test_a_url_over_4096_characters_is_refused_in_one_line(runtime, pages):
    with pytest.raises(FetchRefused, match="too long"):
        await brief(runtime, FromUrl(pages.url("/" + "a" * 5000)))
    assert pages.requests == []


async def test_html_served_as_text_plain_is_extracted_not_briefed_tags_and_all(runtime, pages, page_bytes):
    pages.serve("/plain", headers=[("Content-Type", "text/plain; charset=utf-8")], body=page_bytes)
    reply = (await brief(runtime, FromUrl(pages.url("/plain")))).reply
    assert reply.title == "New York ramps up mass burials amid virus outbreak"
    assert not any("<" in s for s in reply.sentences)
