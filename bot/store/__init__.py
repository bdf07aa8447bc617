"""Persistence for channels, feeds, articles, cached briefings, subscriptions and the delivery ledger (SQLite or
PostgreSQL)."""

from bot.store.errors import InvalidFeedUrl, InvalidSubscription, StoreUnavailable, UnknownFeed, UnsupportedDatabase
from bot.store.ledger import CLAIM_TIMEOUT
from bot.store.records import ArticleRecord, ChannelRecord, FeedRecord, SubscriptionRecord
from bot.store.store import Store

__all__ = [
    "CLAIM_TIMEOUT",
    "ArticleRecord",
    "ChannelRecord",
    "FeedRecord",
    "InvalidFeedUrl",
    "InvalidSubscription",
    "Store",
    "StoreUnavailable",
    "SubscriptionRecord",
    "UnknownFeed",
    "UnsupportedDatabase",
]
