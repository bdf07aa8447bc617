"""Telling a URL from a file path, and tidying URLs as users paste them. Light on purpose: the CLI imports it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MAX_URL_CHARS = 4096
"""Longer links are refused: no article address is near it, and some servers and databases choke on them."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def looks_like_url(value: str) -> bool:
    """Anything with a scheme goes to the fetcher, which refuses what is not http(s) with a clear message."""
    return bool(_SCHEME.match(value)) or value.lower().startswith("www.")


def normalize_url(value: str) -> str:
    """`www.example.com/x` as users paste it becomes `https://www.example.com/x`."""
    value = value.strip().strip("<>")
    return f"https://{value}" if value.lower().startswith("www.") else value


def without_credentials(url: str) -> str:
    """`url` without `user:password@`: what is stored and shown; only fetching may use the credentials."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
