"""Fetch one web page or feed for a chat user, safely: public addresses only, bounded in size and time.

Every hop of a redirect chain is checked again, the body is read under a byte cap, and every failure becomes a
`FetchError` whose message can go straight to chat.

DNS rebinding: with the client from `build_client` (the default) each connection goes to an address vetted at
connect time. A caller-supplied client is still vetted before every hop, but it resolves the name again itself,
so a hostile DNS server could answer differently in between; pass a client from `build_client` to avoid that.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from bot.web.body import ACCEPT_ENCODING, read_capped
from bot.web.charset import decode_page, parse_content_type
from bot.web.errors import FetchFailed, FetchRefused, FetchTimeout, NotAnArticle
from bot.web.pinning import VettedTransport
from bot.web.safety import HostPolicy, any_address, host_and_port, web_address

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
ARTICLE_TYPES = HTML_TYPES + FEED_TYPES + ("text/plain",)
BINARY_SNIFF_BYTES = 1024
INLINE_DECODE_BYTES = 256_000
"""A page up to this size whose charset the server names is decoded on the event loop: well under a millisecond,
less than the hop to a thread costs. Larger pages, and guessing an unnamed charset, are decoded in a thread."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Bounds on one fetch. Sizes in bytes, times in seconds; `total_timeout` covers DNS, redirects and body."""

    max_bytes: int = 5_000_000
    max_redirects: int = 5
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    allow_private: bool = False
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot)"

    @property
    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.read_timeout, connect=self.connect_timeout, pool=self.connect_timeout)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page. `url` is the final URL after redirects; on a 304 `not_modified` is set and `text` is empty."""

    url: str
    status: int
    content_type: str
    text: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def policy_for(limits: FetchLimits) -> HostPolicy:
    """The default policy: the public web only, unless `limits.allow_private` lifts the address check."""
    return HostPolicy(permits=any_address) if limits.allow_private else HostPolicy()


def build_client(limits: FetchLimits, policy: HostPolicy | None = None) -> httpx.AsyncClient:
    """A client whose connections are pinned to vetted addresses; share one across fetches to reuse connections."""
    return httpx.AsyncClient(
        transport=VettedTransport(policy or policy_for(limits)),
        timeout=limits.timeout,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": limits.user_agent},
    )


async def vet_address(url: str, *, limits: FetchLimits, policy: HostPolicy | None = None) -> httpx.URL:
    """Refuse `url` as `fetch` would before any request: not http(s), too long, or on a private network.

    For URLs answered without fetching (from the store), so the address rule holds for every URL a user gives.
    """
    address = web_address(url)
    await (policy or policy_for(limits)).vet(*host_and_port(address))
    return address


async def fetch(
    url: str,
    *,
    limits: FetchLimits,
    client: httpx.AsyncClient | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: tuple[str, ...] = ARTICLE_TYPES,
    policy: HostPolicy | None = None,
) -> Page:
    """Fetch `url` as text. `etag`/`last_modified` make the request conditional; a 304 gives `not_modified=True`.

    Raises a `FetchError` subclass with a chat-ready message: FetchRefused, FetchTooLarge, FetchTimeout,
    NotAnArticle or FetchFailed.
    """
    policy = policy or policy_for(limits)
    headers = {"User-Agent": limits.user_agent, "Accept": ", ".join(accept), "Accept-Encoding": ACCEPT_ENCODING}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(limits.total_timeout):
            if client is not None:
                return await _follow(web_address(url), client, headers, limits, accept, policy)
            async with build_client(limits, policy) as own_client:
                return await _follow(web_address(url), own_client, headers, limits, accept, policy)
    except TimeoutError as exc:
        raise FetchTimeout(f"The site took too long to answer (over {limits.total_timeout:g} seconds).") from exc


async def _follow(
    url: httpx.URL,
    client: httpx.AsyncClient,
    headers: dict[str, str],
    limits: FetchLimits,
    accept: tuple[str, ...],
    policy: HostPolicy,
) -> Page:
    """Request `url`, following at most `limits.max_redirects` redirects and vetting every hop before it."""
    for _ in range(limits.max_redirects + 1):
        await policy.vet(*host_and_port(url))
        request = client.build_request("GET", url, headers=headers, timeout=limits.timeout)
        with _plain_errors(url):
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                if not response.has_redirect_location:
                    return await _page(url, response, limits, accept, headers)
                location = response.headers["location"]
            finally:
                await response.aclose()
        url = _redirect_target(url, location)
        logger.debug("Following redirect to %s", url)
    raise FetchRefused(f"That link redirects too many times (more than {limits.max_redirects}), so I gave up.")


def _redirect_target(url: httpx.URL, location: str) -> httpx.URL:
    try:
        return web_address(url.join(location))
    except httpx.InvalidURL as exc:
        raise FetchFailed("The site redirected me to an address that doesn't work.") from exc


async def _page(
    url: httpx.URL, response: httpx.Response, limits: FetchLimits, accept: tuple[str, ...], sent: dict[str, str]
) -> Page:
    status = response.status_code
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    if status == 304:
        etag = etag or sent.get("If-None-Match")
        last_modified = last_modified or sent.get("If-Modified-Since")
        return Page(str(url), status, "", "", etag, last_modified, not_modified=True)
    if status >= 300:
        raise _status_error(status)
    media_type, charset = parse_content_type(response.headers.get("content-type"))
    if media_type and media_type not in accept:
        raise NotAnArticle(f"That link is {_describe(media_type)}, not an article or feed, so I can't read it.")
    body = await read_capped(response, limits.max_bytes)
    if not media_type and (body.startswith(b"%PDF") or b"\x00" in body[:BINARY_SNIFF_BYTES]):
        raise NotAnArticle("That link is a file, not an article or feed, so I can't read it.")
    if charset and len(body) <= INLINE_DECODE_BYTES:
        text = decode_page(body, charset)
    else:
        text = await asyncio.to_thread(decode_page, body, charset)
    return Page(str(url), status, media_type, text, etag, last_modified)


def _status_error(status: int) -> FetchFailed:
    if status in (404, 410):
        message = f"That page doesn't exist (the site answered {status})."
    elif status in (401, 403, 451):
        message = f"The site wouldn't let me read that page (it answered {status})."
    elif status == 429:
        message = "The site asked me to slow down (429); try again later."
    elif status >= 500:
        message = f"The site is having trouble right now (it answered {status}); try again later."
    elif status >= 400:
        message = f"The site refused the request (it answered {status})."
    else:
        message = f"The site answered with an unexpected redirect ({status}) that I couldn't follow."
    return FetchFailed(message, status=status)


def _describe(media_type: str) -> str:
    """A media type in words: 'a PDF', 'an image'."""
    if media_type == "application/pdf":
        return "a PDF"
    major = media_type.partition("/")[0]
    kinds = {"image": "an image", "video": "a video", "audio": "an audio file"}
    return kinds.get(major, f"a file of type {media_type}")


@contextmanager
def _plain_errors(url: httpx.URL) -> Iterator[None]:
    """Turn httpx's exceptions into FetchErrors naming the site."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{url.host} took too long to answer.") from exc
    except httpx.ConnectError as exc:
        raise FetchFailed(f"I couldn't connect to {url.host}; the site may be down.") from exc
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise FetchFailed(f"The connection to {url.host} broke before the page arrived.") from exc
