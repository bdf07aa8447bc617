"""Poll throughput: 200 entries across 20 local feeds, each entry a real page on loopback, polled, extracted,
stored and briefed. Wall time, time spent summarizing, and peak RSS.

Pages: the English pages of ../shared/data/html-pages as saved, and CNN articles of news-summ/cnndm.jsonl in a
plain article template, so that all 200 are distinct stories. The server runs in its own process.
"""

from __future__ import annotations

import asyncio
import html
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.common import DATA, rows, table
from bot.briefing import Briefer, compute
from bot.channels import ChannelRef
from bot.feeds.poll import FeedPoller, PollOptions
from bot.store import Store
from bot.web import FetchLimits, build_client
from summaries.engine import OfflineEngine
from tests.fakes.feeds import Item, rss2

FEEDS, PER_FEED, PORT = 20, 10, 8719
NON_ENGLISH = {"dw.com-elephants.html", "de.cointelegraph.com-CME.html"}


def write_site(root: Path) -> None:
    pages = [p for p in sorted((DATA / "html-pages").glob("*.html")) if p.name not in NON_ENGLISH]
    bodies = [p.read_bytes() for p in pages]
    for row in rows(DATA / "news-summ" / "cnndm.jsonl"):
        if len(bodies) == FEEDS * PER_FEED:
            break
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in row["article"].split(". ") if p)
        title = html.escape(row["reference"].split("\n")[0])
        bodies.append(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            "</article></body></html>".encode()
        )
    for n, body in enumerate(bodies):
        (root / f"p{n}.html").write_bytes(body)
    for feed in range(FEEDS):
        items = [
            Item(f"Story {n}", f"http://127.0.0.1:{PORT}/p{n}.html", f"g{n}")
            for n in range(feed * PER_FEED, (feed + 1) * PER_FEED)
        ]
        (root / f"feed{feed}.xml").write_text(rss2(items), encoding="utf-8")


async def poll(store: Store) -> tuple[float, int]:
    limits = FetchLimits(allow_private=True)
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("forkserver")) as executor:
        async with build_client(limits) as client:
            poller = FeedPoller(
                store,
                Briefer(OfflineEngine(), store),
                limits=limits,
                client=client,
                options=PollOptions(first_poll_latest=PER_FEED),
                executor=executor,
            )
            start = time.perf_counter()
            outcomes = await poller.poll_all()
            return time.perf_counter() - start, sum(o.new for o in outcomes)


def summarizing_seconds(store: Store) -> float:
    """CPU seconds the engine spends on the stored articles, timed alone in this process."""
    engine, articles = OfflineEngine(), [store.find_article(url=u).article for u in store_urls(store)]
    start = time.process_time()
    for article in articles:
        compute(engine, article, PollOptions().sentences)
    return time.process_time() - start


def store_urls(store: Store) -> list[str]:
    return [a.url for a in store.pending_articles(ChannelRef("console", "bench"))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "site").mkdir()
        write_site(root / "site")
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(PORT), "--bind", "127.0.0.1"],
            cwd=root / "site",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.0)
            with Store.open(f"sqlite:///{root / 'bench.db'}") as store:
                for feed in range(FEEDS):
                    store.subscribe(ChannelRef("console", "bench"), f"http://127.0.0.1:{PORT}/feed{feed}.xml")
                wall, new = asyncio.run(poll(store))
                summarizing = summarizing_seconds(store)
        finally:
            server.terminate()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        table(
            ["feeds", "entries briefed", "wall s", "summarizing CPU s", "summarizing / wall", "peak RSS MB"],
            [[FEEDS, new, wall, summarizing, summarizing / wall, rss_mb]],
        )
    )


if __name__ == "__main__":
    main()
