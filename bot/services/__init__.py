"""The use cases every front end shares (terminal, Slack, Discord, the scheduler): typed results, no printing.

Front ends build one `Runtime` per process and call these; they never call each other.
"""

from bot.services.briefs import Briefed, brief, remember_post
from bot.services.digests import deliver, preview
from bot.services.dispatch import Where, handle
from bot.services.feeds import follow, list_feeds, unfollow
from bot.services.pacing import Pacer
from bot.services.questions import NothingToAsk, ask
from bot.services.runtime import Runtime
from bot.services.sources import FromFile, FromText, FromUrl, Source

__all__ = [
    "Briefed",
    "FromFile",
    "FromText",
    "FromUrl",
    "NothingToAsk",
    "Pacer",
    "Runtime",
    "Source",
    "Where",
    "ask",
    "brief",
    "deliver",
    "follow",
    "handle",
    "list_feeds",
    "preview",
    "remember_post",
    "unfollow",
]
