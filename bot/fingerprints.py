"""Identities that survive a feed re-dating or re-GUIDing an item: the canonical URL and a hash of the text."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|smid|at_\w+|__twitter_impression)$", re.I
)
_WORD = re.compile(r"\w+")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port or trailing slash.

    An identity, not an address to fetch: fetch the URL as given. A URL that cannot be parsed is its own identity.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # "http://[::1/", "http://host:99999/": nothing can fetch it, yet it needs an identity
        return url.strip()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    if port and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def content_hash(text: str) -> str:
    """SHA-256 of the words of `text`, lower-cased: the same story with other spacing or markup hashes the same."""
    normalized = " ".join(_WORD.findall(text.lower()))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()
