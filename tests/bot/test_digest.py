"""The digest and its delivery ledger on a real SQLite file: once per channel, and nothing lost on a failed send."""

from __future__ import annotations

import pytest

from bot.briefing import Briefer
from bot.channels import CONSOLE
from bot.digest import deliver_digest, preview_digest
from bot.fingerprints import content_hash
from bot.store import Store
from summaries.engine import OfflineEngine

FEED = "https://news.example.com/rss"


@pytest.fixture
def store(tmp_path, seed):
    with Store.open(f"sqlite:///{tmp_path / 'briefbot.db'}") as opened:
        opened.subscribe(CONSOLE, FEED)
        feed = opened.get_feed(FEED)
        record, _ = opened.save_article(seed, content_hash=content_hash(seed.text))
        opened.record_entry(feed.id, entry_key="g-1", url=None, article_id=record.id, baseline=False)
        yield opened


def briefer(store):
    return Briefer(OfflineEngine(), store)


def test_digest_is_sent_once(store):
    sent = []
    first = deliver_digest(store, briefer(store), CONSOLE, sent.append)
    assert [item.title for item in first.items] == ["Biden allows Ukraine to use US arms to strike inside Russia"]
    assert len(first.items[0].briefing.sentences) == 2
    second = deliver_digest(store, briefer(store), CONSOLE, sent.append)
    assert second.items == () and len(sent) == 1


def test_failed_send_releases_the_claim_so_nothing_is_lost(store):
    def broken(_):
        raise ConnectionError("chat is down")

    with pytest.raises(ConnectionError):
        deliver_digest(store, briefer(store), CONSOLE, broken)
    sent = []
    deliver_digest(store, briefer(store), CONSOLE, sent.append)
    assert len(sent) == 1 and len(sent[0].items) == 1


def test_preview_claims_nothing(store):
    assert len(preview_digest(store, briefer(store), CONSOLE).items) == 1
    assert len(store.pending_articles(CONSOLE)) == 1
