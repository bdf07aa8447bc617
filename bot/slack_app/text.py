"""Reading the text Slack sends: `<...>` tokens (mentions, channels, links) taken out first, then `&amp;` and co.

Slack escapes `&`, `<` and `>` in message and command text and wraps mentions and links in `<...>`; unescaping
first would turn an article's literal "&lt;b&gt;" into a token, so the order matters.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<([^<>]*)>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def plain_text(text: str | None, *, bot_user_id: str | None = None) -> str:
    """`text` as the user typed it: mentions of the bot dropped, other mentions as @name, links as their URL."""
    if not text:
        return ""
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        parts.append(unescape(text[position : match.start()]))
        parts.append(_token(match.group(1), bot_user_id))
        position = match.end()
    parts.append(unescape(text[position:]))
    return re.sub(r"[ \t]{2,}", " ", "".join(parts)).strip()


def mentions(text: str | None, user_id: str) -> bool:
    """Whether `text` mentions `user_id` (`<@U123>` or `<@U123|name>`)."""
    return bool(text) and re.search(rf"<@{re.escape(user_id)}(?:\|[^<>]*)?>", text or "") is not None


def unescape(text: str) -> str:
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def _token(body: str, bot_user_id: str | None) -> str:
    target, _, label = body.partition("|")
    label = unescape(label)
    if target.startswith("@"):  # a user: U... or W... (Enterprise Grid)
        if bot_user_id is not None and target[1:] == bot_user_id:
            return ""
        return f"@{label or target[1:]}"
    if target.startswith("#"):
        return f"#{label or target[1:]}"
    if target.startswith("!"):  # <!here>, <!channel>, <!subteam^S123|@team>, <!date^...|fallback>
        command = target[1:].split("^", 1)[0]
        return label or f"@{command}"
    if target.startswith("mailto:"):
        return label or target.removeprefix("mailto:")
    return unescape(target)  # a link: the URL itself, which the command grammar reads
