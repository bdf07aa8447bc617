"""Store errors a chat user may see; their messages say what to do next."""

from __future__ import annotations

from summaries.errors import BriefbotError


class UnknownFeed(BriefbotError):
    """The feed is not in the store (never added, or removed meanwhile)."""


class InvalidSubscription(BriefbotError):
    """A subscription option is wrong: an unknown platform, time zone or digest time."""


class UnsupportedDatabase(BriefbotError):
    """The database URL names an engine other than SQLite or PostgreSQL."""


class InvalidFeedUrl(BriefbotError):
    """The feed address is not an absolute http(s) URL."""


class StoreUnavailable(BriefbotError):
    """The database cannot be opened: a malformed URL, a file that is no database, a server that is down."""
