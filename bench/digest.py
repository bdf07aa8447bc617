"""The morning digest at scale: 500 channels subscribed to 20 feeds on loopback, all due the same minute, posting
to a fake Slack Web API (bench/fake_slack.py) at Slack's 1 message per second per channel through slack_sdk.

Measured: seconds from the due minute until the last digest message is posted (the poll right before the digests
included), peak RSS, and how many times each article was summarized (must be once, however many channels get it).
Feeds carry full-text items built from news-summ/cnndm.jsonl; each feed also carries two stories of the next feed
(cross-feed duplicates). The first poll is the baseline; then each feed gains 5 new items.

Run: python -m bench.digest [--channels 500] [--feeds-per-channel 20]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.common import DATA, rows, table
from bot.channels import ChannelRef
from bot.fingerprints import content_hash
from bot.replies import DigestReply, Reply
from bot.scheduler.digests import DigestScheduler, Outcome
from bot.services import Runtime
from bot.services.polling import poll
from bot.settings import Settings
from bot.slack_app.blocks import digest as slack_digest
from summaries.engine import OfflineEngine
from summaries.model import Article, Briefing
from tests.fakes.feeds import Item, rss2

FEEDS, BASELINE, NEW, SHARED_PER_FEED = 20, 5, 5, 2
FEED_PORT, SLACK_PORT = 8721, 8722
DUE = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)


class CountingEngine(OfflineEngine):
    """The offline engine, appending each summarized article's hash to a file (process-pool workers too)."""

    def __init__(self, log_path: str) -> None:
        super().__init__()
        self.log_path = log_path

    def brief(self, article: Article, *, sentences: int = 4) -> Briefing:
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(content_hash(article.text) + "\n")
        return super().brief(article, sentences=sentences)


def write_feeds(site: Path, *, with_new: bool) -> None:
    wanted = FEEDS * (BASELINE + NEW)
    articles = [r["article"] for r, _ in zip(rows(DATA / "news-summ" / "cnndm.jsonl"), range(wanted), strict=False)]

    def item(n: int) -> Item:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in articles[n].split(". ") if p)
        return Item(
            " ".join(articles[n].split()[:10]), f"https://news{n % FEEDS}.example.com/a/{n}", f"g{n}", body_html=body
        )

    per_feed = BASELINE + (NEW if with_new else 0)
    for feed in range(FEEDS):
        own = [item(feed * (BASELINE + NEW) + k) for k in range(per_feed)]
        neighbour = ((feed + 1) % FEEDS) * (BASELINE + NEW)
        shared = [item(neighbour + BASELINE + k) for k in range(SHARED_PER_FEED)] if with_new else []
        (site / f"feed{feed}.xml").write_text(rss2([*own, *shared]), encoding="utf-8")


class SlackPoster:
    """How a Slack front end posts a digest: a header message, then the stories in its thread, at 1 msg/s/channel."""

    def __init__(self, base_url: str) -> None:
        from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
        from slack_sdk.web.async_client import AsyncWebClient

        self.client = AsyncWebClient(
            token="xoxb-bench", base_url=base_url, retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=5)]
        )
        self.next_slot: dict[str, float] = {}
        self.messages = 0

    async def _pace(self, channel: str) -> None:
        """A second after the channel's last message was answered: arrivals are then a second apart at least."""
        await asyncio.sleep(max(0.0, self.next_slot.get(channel, 0.0) - time.monotonic()))

    def _posted(self, channel: str) -> None:
        self.next_slot[channel] = time.monotonic() + 1.0
        self.messages += 1

    async def __call__(self, ref: ChannelRef, reply: Reply) -> str | None:
        """The Slack front end's own rendering (a header, the rest in its thread), paced per channel."""
        assert isinstance(reply, DigestReply)
        first: str | None = None
        for message in slack_digest(reply):
            await self._pace(ref.channel_id)
            posted = await self.client.chat_postMessage(
                channel=ref.channel_id, thread_ts=first, text=message.text, blocks=list(message.blocks)
            )
            self._posted(ref.channel_id)
            first = first or str(posted["ts"])
        return first


async def run(root: Path, channels: int, feeds_per_channel: int) -> dict[str, object]:
    count_log = root / "summarized.log"
    settings = Settings(
        database_url=f"sqlite:///{root / 'bench.db'}", allow_private_addresses=True, first_poll_latest=0,
        poll_concurrency=16,
    )  # fmt: skip
    async with Runtime(settings, engine=CountingEngine(str(count_log))) as runtime:
        store = await runtime.store()
        refs = [ChannelRef("slack", f"C{n:04}", "T1") for n in range(channels)]

        def subscribe_all() -> None:
            for n, ref in enumerate(refs):
                for k in range(feeds_per_channel):
                    store.subscribe(ref, f"http://127.0.0.1:{FEED_PORT}/feed{(n + k) % FEEDS}.xml")
                store.update_channel(ref, digest_time="07:30", timezone="UTC")

        await asyncio.to_thread(subscribe_all)
        await poll(runtime)  # the baseline
        write_feeds(root / "site", with_new=True)
        poster = SlackPoster(f"http://127.0.0.1:{SLACK_PORT}/api/")
        runtime.register_poster("slack", poster)
        start_wall = time.time()
        scheduler = DigestScheduler(runtime, clock=lambda: DUE)
        await scheduler.sync()
        outcomes = await scheduler.sweep()
        elapsed = time.time() - start_wall
    with urllib.request.urlopen(f"http://127.0.0.1:{SLACK_PORT}/stats") as response:
        stats = json.load(response)
    summarized = Counter(count_log.read_text().split()) if count_log.exists() else Counter()
    return {
        "outcomes": Counter(outcomes.values()),
        "elapsed": elapsed,
        "last_post": stats["last_posted_at"] - start_wall,
        "messages": stats["posted"],
        "refused": stats["refused"],
        "articles": len(summarized),
        "max_summaries": max(summarized.values(), default=0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--feeds-per-channel", type=int, default=FEEDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "site").mkdir()
        write_feeds(root / "site", with_new=False)
        servers = [
            subprocess.Popen([sys.executable, "-m", "http.server", str(FEED_PORT), "--bind", "127.0.0.1"],
                             cwd=root / "site", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            subprocess.Popen([sys.executable, "-m", "bench.fake_slack", str(SLACK_PORT)]),
        ]  # fmt: skip
        try:
            time.sleep(1.5)
            result = asyncio.run(run(root, args.channels, args.feeds_per_channel))
        finally:
            for server in servers:
                server.terminate()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    posted = result["outcomes"][Outcome.POSTED]  # type: ignore[index]
    header = ["channels", "feeds/channel", "digests posted", "messages", "429s", "due → last post s"]
    header += ["peak RSS MB", "articles summarized", "max summaries/article"]
    body = [args.channels, args.feeds_per_channel, posted, result["messages"], result["refused"], result["last_post"]]
    body += [rss_mb, result["articles"], result["max_summaries"]]
    print(table(header, [body]))
    if os.environ.get("BENCH_JSON"):
        print(json.dumps({k: v for k, v in result.items() if k != "outcomes"}))


if __name__ == "__main__":
    main()
