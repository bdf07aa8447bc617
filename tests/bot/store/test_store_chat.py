"""What chat adapters keep: events already handled (platforms retry) and the article each message briefed."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

from sqlalchemy import event, func, select, update

from bot.channels import ChannelRef
from bot.store import Store
from bot.store.chat_memory import EVENT_PRUNE_EVERY
from bot.store.schema import HandledEvent, utcnow
from tests.bot.store.store_samples import HEPATITIS, MIAMI, UKRAINE, save

NEWS = ChannelRef("slack", "C-news", "T01")


def test_event_is_claimed_once(store: Store) -> None:
    assert store.claim_event("slack", "Ev01")
    assert not store.claim_event("slack", "Ev01")
    assert store.claim_event("discord", "Ev01")


def test_a_released_event_is_claimed_by_its_retry_once(store: Store) -> None:
    """Work stopped before it replied gives its claim back: the platform's retry is answered, and only once."""
    assert store.claim_event("slack", "Ev02") and store.claim_event("slack", "C1:1700000000.000100")
    store.release_events("slack", ["Ev02", "C1:1700000000.000100"])
    assert store.claim_event("slack", "Ev02") and store.claim_event("slack", "C1:1700000000.000100")
    assert not store.claim_event("slack", "Ev02")


def test_releasing_an_event_leaves_other_claims_standing(store: Store) -> None:
    store.claim_event("slack", "Ev03")
    store.claim_event("discord", "Ev04")
    store.claim_event("slack", "Ev04")
    store.release_events("slack", ["Ev04", "never-claimed"])
    assert not store.claim_event("slack", "Ev03")
    assert not store.claim_event("discord", "Ev04")
    assert store.claim_event("slack", "Ev04")


def test_old_events_are_pruned_now_and_then(store: Store) -> None:
    store.claim_event("slack", "old")
    with store._writing.begin() as session:
        session.execute(update(HandledEvent).values(handled_at=utcnow() - timedelta(days=3)))
    for number in range(EVENT_PRUNE_EVERY):
        store.claim_event("slack", f"new-{number}")
    with store._reading() as session:
        assert session.scalar(select(func.count()).select_from(HandledEvent)) == EVENT_PRUNE_EVERY
    assert store.claim_event("slack", "old")


def test_last_article_is_the_one_briefed_last(store: Store) -> None:
    assert store.last_article(NEWS) is None
    ukraine, miami = save(store, UKRAINE), save(store, MIAMI)
    store.remember_briefing(NEWS, ukraine.id, message_id="1700000000.000100")
    store.remember_briefing(NEWS, miami.id)
    assert store.last_article(NEWS) == miami
    assert store.last_article(ChannelRef("slack", "C-other")) is None


def test_last_article_by_message_is_the_one_that_message_briefed(store: Store) -> None:
    ukraine, miami, hepatitis = save(store, UKRAINE), save(store, MIAMI), save(store, HEPATITIS)
    store.remember_briefing(NEWS, ukraine.id, message_id="m-1")
    store.remember_briefing(NEWS, miami.id, message_id="m-2")
    store.remember_briefing(ChannelRef("slack", "C-other"), hepatitis.id, message_id="m-1")
    assert store.last_article(NEWS, message_id="m-1") == ukraine
    assert store.last_article(NEWS, message_id="m-3") is None


def test_a_channel_seen_before_is_remembered_in_one_statement(store: Store) -> None:
    """Every chat reply remembers its article: after the first, the channel's row is not looked up again."""
    ukraine = save(store, UKRAINE)
    store.remember_briefing(NEWS, ukraine.id)
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(store._engine, "before_cursor_execute", listen)
    try:
        store.remember_briefing(NEWS, ukraine.id, message_id="m-2")
    finally:
        event.remove(store._engine, "before_cursor_execute", listen)
    assert [s.split()[0] for s in statements if not s.startswith(("BEGIN", "COMMIT"))] == ["INSERT"]
    assert store.last_article(NEWS, message_id="m-2") == ukraine
    assert store.get_channel(NEWS) is not None


def test_a_posted_briefing_is_remembered_and_resumes_the_paused_digest_in_one_write(store: Store) -> None:
    ukraine = save(store, UKRAINE)
    store.pause_digest(NEWS, "posts refused", now=utcnow())
    assert store.remember_reply(NEWS, ukraine.id, message_id="m-1")
    assert store.digest_pause(NEWS) is None
    assert store.last_article(NEWS, message_id="m-1") == ukraine
    assert not store.remember_reply(NEWS, ukraine.id, message_id="m-2")
    assert store.last_article(NEWS) == ukraine


def test_resuming_a_digest_that_is_not_paused_takes_no_write_lock(sqlite_url: str) -> None:
    """Front ends call it after every command: with another process writing, it must not wait for that writer."""
    with Store.open(sqlite_url) as store:
        store.pause_digest(NEWS, "posts refused", now=utcnow())
        assert store.resume_digest(NEWS)
        writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0)
        writer.isolation_level = None
        writer.execute("BEGIN IMMEDIATE")
        try:
            started = time.monotonic()
            assert not store.resume_digest(NEWS)
            assert time.monotonic() - started < 1.0
        finally:
            writer.execute("ROLLBACK")
            writer.close()
