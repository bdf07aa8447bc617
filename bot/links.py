"""Links to a quote's place in its page: URL text fragments (`#:~:text=start,end`), which browsers scroll to."""

from __future__ import annotations

from urllib.parse import quote, urldefrag

FRAGMENT_EDGE_WORDS = 4
"""A long quote is matched by its first and last words; short ones are given whole."""


def _encode(text: str) -> str:
    # '-', ',' and '&' are syntax inside a text directive, so they are escaped along with everything else.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, text: str) -> str:
    """`url` with a text fragment that highlights `text`; `text` must be verbatim from the page."""
    base, _ = urldefrag(url)
    words = text.split()
    if len(words) <= 2 * FRAGMENT_EDGE_WORDS:
        directive = _encode(" ".join(words))
    else:
        start, end = " ".join(words[:FRAGMENT_EDGE_WORDS]), " ".join(words[-FRAGMENT_EDGE_WORDS:])
        directive = f"{_encode(start)},{_encode(end)}"
    return f"{base}#:~:text={directive}"
