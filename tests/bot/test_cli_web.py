"""End to end: the command line as a user runs it, each command a new process, against a loopback server.

The logic underneath (feeds, digests, caching) is tested in-process in tests/bot/services.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SHARED
from tests.fakes.feeds import Item, rss2

PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"


@pytest.fixture
def env(tmp_path, monkeypatch):
    values = {
        "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'briefbot.db'}",
        "BRIEFBOT_ALLOW_PRIVATE_ADDRESSES": "1",
        "BRIEFBOT_FIRST_POLL_LATEST": "10",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def page(httpserver):
    if not PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    httpserver.expect_request("/news/burials").respond_with_data(PAGE.read_bytes(), content_type="text/html")
    return httpserver.url_for("/news/burials")


def briefbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120)


def test_url_brief_links_quotes_and_second_brief_comes_from_the_cache(env, httpserver, page):
    first = briefbot("brief", page, "-f", "json")
    assert first.returncode == 0, first.stderr
    row = json.loads(first.stdout)
    assert row["title"] == "New York ramps up mass burials amid virus outbreak" and not row["cached"]
    assert row["quotes"] and all(q["link"].startswith(page + "#:~:text=") for q in row["quotes"])
    second = json.loads(briefbot("brief", page, "-f", "json").stdout)
    assert second["cached"] and second["briefing"] == row["briefing"]
    assert len(httpserver.log) == 1  # the second brief did not fetch the page again


def test_private_address_is_refused_by_default(env, monkeypatch, page):
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_ADDRESSES", "0")
    done = briefbot("brief", page)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"briefbot: {page}: I can't fetch that address: it points to a private network, not the public web."
    )


def test_poll_then_digest_is_delivered_once_across_restarts(env, httpserver, page):
    feed = rss2([Item("Mass burials in New York", page, "guid-1")])
    httpserver.expect_request("/rss").respond_with_data(feed, content_type="application/rss+xml")
    assert briefbot("feeds", "add", httpserver.url_for("/rss"), "--channel", "console").returncode == 0
    polled = briefbot("poll")
    assert polled.returncode == 0, polled.stderr
    assert "1 new" in polled.stdout
    digest = briefbot("digest", "--channel", "console")
    assert digest.returncode == 0, digest.stderr
    assert "Mass burials in New York" in digest.stdout or "New York ramps up mass burials" in digest.stdout
    assert briefbot("poll").stdout.count("1 seen") == 1
    again = briefbot("digest", "--channel", "console")
    assert again.stdout.strip() == "Nothing new since the last digest."
