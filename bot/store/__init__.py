"""Persistence for feeds, articles, cached briefings, subscriptions and the delivery ledger (SQLite or PostgreSQL)."""

from bot.store.errors import InvalidFeedUrl, InvalidSubscription, StoreUnavailable, UnknownFeed, UnsupportedDatabase
from bot.store.records import ArticleRecord, FeedRecord, SubscriptionRecord
from bot.store.store import Store

__all__ = [
    "ArticleRecord",
    "FeedRecord",
    "InvalidFeedUrl",
    "InvalidSubscription",
    "Store",
    "StoreUnavailable",
    "SubscriptionRecord",
    "UnknownFeed",
    "UnsupportedDatabase",
]
