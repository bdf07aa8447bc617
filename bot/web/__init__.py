"""Fetching pages and feeds from the web, safely enough to do for anyone who pastes a link in chat."""

from bot.web.errors import FetchError, FetchFailed, FetchRefused, FetchTimeout, FetchTooLarge, NotAnArticle
from bot.web.fetch import ARTICLE_TYPES, FEED_TYPES, HTML_TYPES, FetchLimits, Page, build_client, fetch, vet_address
from bot.web.safety import HostPolicy, is_public, public_or

__all__ = [
    "ARTICLE_TYPES",
    "FEED_TYPES",
    "HTML_TYPES",
    "FetchError",
    "FetchFailed",
    "FetchLimits",
    "FetchRefused",
    "FetchTimeout",
    "FetchTooLarge",
    "HostPolicy",
    "NotAnArticle",
    "Page",
    "build_client",
    "fetch",
    "is_public",
    "public_or",
    "vet_address",
]
