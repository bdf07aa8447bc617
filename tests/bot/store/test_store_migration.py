"""Revision 0003 carries a 0002 database over: channels from subscriptions (earliest time wins), the ledger kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine

from bot.channels import ChannelRef
from bot.store import Store
from bot.store.migrate import alembic_config
from tests.bot.store.store_samples import FEED, MIAMI, OTHER_FEED, UKRAINE

T0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
SPORT_FEED = "https://example.net/sport.xml"


def _table(name: str, *columns: tuple[str, sa.types.TypeEngine[object]]) -> sa.TableClause:
    return sa.table(name, *(sa.column(column, kind) for column, kind in columns))


FEEDS = _table(
    "feeds",
    ("id", sa.Integer()),
    ("url", sa.Text()),
    ("baseline_done", sa.Boolean()),
    ("created_at", sa.DateTime(timezone=True)),
)
ARTICLES = _table(
    "articles",
    ("id", sa.Integer()),
    ("url", sa.Text()),
    ("title", sa.Text()),
    ("text", sa.Text()),
    ("content_hash", sa.String()),
    ("fetched_at", sa.DateTime(timezone=True)),
)
ENTRIES = _table(
    "feed_entries",
    ("feed_id", sa.Integer()),
    ("entry_key", sa.Text()),
    ("article_id", sa.Integer()),
    ("first_seen_at", sa.DateTime(timezone=True)),
    ("baseline", sa.Boolean()),
)
SUBSCRIPTIONS = _table(
    "subscriptions",
    ("platform", sa.String()),
    ("channel_id", sa.String()),
    ("feed_id", sa.Integer()),
    ("include_keywords", sa.JSON()),
    ("exclude_keywords", sa.JSON()),
    ("timezone", sa.String()),
    ("digest_time", sa.String()),
    ("created_at", sa.DateTime(timezone=True)),
)
DELIVERIES = _table(
    "deliveries",
    ("platform", sa.String()),
    ("channel_id", sa.String()),
    ("article_id", sa.Integer()),
    ("delivered_at", sa.DateTime(timezone=True)),
)
BRIEFINGS = _table(
    "briefings",
    ("content_hash", sa.String()),
    ("engine", sa.String()),
    ("sentence_count", sa.Integer()),
    ("headline", sa.Text()),
    ("sentences", sa.JSON()),
    ("quotes", sa.JSON()),
    ("created_at", sa.DateTime(timezone=True)),
)


def build_0002(url: str) -> None:
    """Two feeds on one Slack channel at different times, one on a Discord channel in another zone, a ledger row
    for a channel that has unsubscribed since, a delivered and a pending article, a cached briefing."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002")
            connection.execute(
                FEEDS.insert(),
                [
                    {"id": number, "url": feed, "baseline_done": True, "created_at": T0}
                    for number, feed in ((1, FEED), (2, OTHER_FEED), (3, SPORT_FEED))
                ],
            )
            connection.execute(
                ARTICLES.insert(),
                [
                    {
                        "id": 1,
                        "url": UKRAINE.url,
                        "title": UKRAINE.title,
                        "text": UKRAINE.text,
                        "content_hash": "a" * 64,
                        "fetched_at": T0,
                    },
                    {
                        "id": 2,
                        "url": MIAMI.url,
                        "title": MIAMI.title,
                        "text": MIAMI.text,
                        "content_hash": "b" * 64,
                        "fetched_at": T0,
                    },
                ],
            )
            later = T0 + timedelta(hours=1)
            connection.execute(
                ENTRIES.insert(),
                [
                    {"feed_id": 1, "entry_key": "g-1", "article_id": 1, "first_seen_at": later, "baseline": False},
                    {"feed_id": 2, "entry_key": "g-2", "article_id": 2, "first_seen_at": later, "baseline": False},
                ],
            )
            common = {"include_keywords": [], "exclude_keywords": ["football"], "created_at": T0}
            connection.execute(
                SUBSCRIPTIONS.insert(),
                [
                    {
                        **common,
                        "platform": "slack",
                        "channel_id": "C-news",
                        "feed_id": 1,
                        "timezone": "Europe/London",
                        "digest_time": "09:00",
                    },
                    {
                        **common,
                        "platform": "slack",
                        "channel_id": "C-news",
                        "feed_id": 2,
                        "timezone": "Europe/London",
                        "digest_time": "07:15",
                    },
                    # 08:00 in New York is after 07:00 in London: the London time wins, with its zone.
                    {
                        **common,
                        "platform": "discord",
                        "channel_id": "42",
                        "feed_id": 3,
                        "timezone": "America/New_York",
                        "digest_time": "06:00",
                    },
                    {
                        **common,
                        "platform": "discord",
                        "channel_id": "42",
                        "feed_id": 1,
                        "timezone": "Europe/London",
                        "digest_time": "10:30",
                    },
                ],
            )
            connection.execute(
                DELIVERIES.insert(),
                [
                    {"platform": "slack", "channel_id": "C-news", "article_id": 1, "delivered_at": later},
                    {"platform": "console", "channel_id": "console", "article_id": 2, "delivered_at": later},
                ],
            )
            connection.execute(
                BRIEFINGS.insert(),
                {
                    "content_hash": "a" * 64,
                    "engine": "offline",
                    "sentence_count": 2,
                    "headline": "h",
                    "sentences": ["s"],
                    "quotes": [],
                    "created_at": T0,
                },
            )
    finally:
        engine.dispose()


def test_subscription_times_become_the_channels_earliest_first(database_url: str) -> None:
    build_0002(database_url)
    with Store.open(database_url) as store:
        news = store.get_channel(ChannelRef("slack", "C-news"))
        discord = store.get_channel(ChannelRef("discord", "42"))
        assert news is not None and discord is not None
        assert (news.digest_time, news.timezone) == ("07:15", "Europe/London")
        assert (discord.digest_time, discord.timezone) == ("10:30", "Europe/London")
        assert (news.workspace, news.digest_enabled, news.quiet_when_empty, news.max_stories) == ("", True, False, 8)
        assert store.list_channels() == [news, discord]


def test_subscriptions_keep_their_feeds_and_filters(database_url: str) -> None:
    build_0002(database_url)
    with Store.open(database_url) as store:
        subscriptions = store.subscriptions(ChannelRef("slack", "C-news"))
        assert [s.feed_url for s in subscriptions] == [FEED, OTHER_FEED]
        assert all(s.exclude == ("football",) and s.created_at == T0 for s in subscriptions)
        assert len(store.subscriptions()) == 4


def test_delivered_articles_stay_delivered_and_the_rest_pending(database_url: str) -> None:
    build_0002(database_url)
    with Store.open(database_url) as store:
        news = ChannelRef("slack", "C-news")
        assert [a.id for a in store.pending_articles(news, stale_after=timedelta(0))] == [2]
        assert store.claim_deliveries(news, [1, 2], stale_after=timedelta(0)) == [2]
        # The ledger row of a channel without subscriptions made that channel, with the default settings.
        console = store.get_channel(ChannelRef("console", "console"))
        assert console is not None and console.digest_time == "07:30"
        assert store.claim_deliveries(ChannelRef("console", "console"), [1, 2], stale_after=timedelta(0)) == [1]


def test_articles_read_back_and_the_old_cache_is_dropped(database_url: str) -> None:
    build_0002(database_url)
    with Store.open(database_url) as store:
        ukraine = store.find_article(content_hash="a" * 64)
        assert ukraine is not None and ukraine.image is None and ukraine.text == UKRAINE.text
        engine = create_engine(database_url)
        try:
            with engine.connect() as connection:
                assert connection.execute(sa.text("SELECT count(*) FROM briefings")).scalar() == 0
        finally:
            engine.dispose()
