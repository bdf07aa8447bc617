"""Safe fetching, against real servers on 127.0.0.1: addresses, redirects, size, time, types, charsets, caching."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import socket
import time
import tracemalloc
from collections.abc import Sequence

import httpx
import pytest

from bot.web import (
    FetchFailed,
    FetchLimits,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    HostPolicy,
    NotAnArticle,
    fetch,
    is_public,
    public_or,
)
from bot.web.charset import declared_charset, decode_page
from bot.web.safety import IPAddress

LOCAL = FetchLimits(allow_private=True)
HTML = [("Content-Type", "text/html; charset=utf-8")]
QUOTE_1252 = "It\u2019s \u201cfine\u201d, said the caf\u00e9 owner \u2014 \u20ac5."


def only_this_server(pages) -> HostPolicy:
    """Public addresses plus exactly the test server's first hop."""
    return HostPolicy(permits=public_or(("127.0.0.1", pages.port)))


def resolving_to(*answers: Sequence[str]) -> HostPolicy:
    """A policy allowing 127.0.0.1 on any port, whose resolver gives each answer in turn (the last one repeats)."""
    calls = 0

    async def resolve(host: str, port: int) -> list[IPAddress]:
        nonlocal calls
        answer = answers[min(calls, len(answers) - 1)]
        calls += 1
        return [ipaddress.ip_address(address) for address in answer]

    loopback = ipaddress.ip_address("127.0.0.1")
    return HostPolicy(permits=lambda address, port: address == loopback or is_public(address), resolve=resolve)


# Pages and charsets


@pytest.mark.asyncio
async def test_html_page_on_loopback_is_fetched_when_private_allowed(pages):
    pages.serve("/story", headers=HTML, body=b"<html><title>Rates held</title><p>The bank held rates.</p></html>")

    page = await fetch(pages.url("/story"), limits=LOCAL)

    assert (page.url, page.status, page.content_type) == (pages.url("/story"), 200, "text/html")
    assert "The bank held rates." in page.text
    assert not page.not_modified


@pytest.mark.asyncio
async def test_header_charset_decodes_windows_1252(pages):
    body = f"<html><head><meta charset='utf-8'></head><p>{QUOTE_1252}</p></html>".encode("windows-1252")
    pages.serve("/", headers=[("Content-Type", "text/html; charset=windows-1252")], body=body)

    page = await fetch(pages.url(), limits=LOCAL)

    assert QUOTE_1252 in page.text


@pytest.mark.asyncio
async def test_meta_charset_decodes_page_without_header_charset(pages):
    text = "\u00bfQu\u00e9 pas\u00f3? \u20ac5 por caf\u00e9."
    body = f'<html><head><meta charset="iso-8859-15"></head><p>{text}</p></html>'.encode("iso-8859-15")
    pages.serve("/", headers=[("Content-Type", "text/html")], body=body)

    page = await fetch(pages.url(), limits=LOCAL)

    assert text in page.text


@pytest.mark.asyncio
async def test_xml_declaration_names_feed_encoding(pages):
    title = "Caf\u00e9 \u201copens\u201d"
    body = f'<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>{title}</title></channel></rss>'
    pages.serve("/feed", headers=[("Content-Type", "application/rss+xml")], body=body.encode("windows-1252"))

    page = await fetch(pages.url("/feed"), limits=LOCAL)

    assert f"<title>{title}</title>" in page.text
    assert page.content_type == "application/rss+xml"


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<!doctype html><html><head><meta charset="iso-8859-2">', "iso-8859-2"),
        (b"<html><head><META CHARSET=windows-1251>", "windows-1251"),
        (b'<head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "Shift_JIS"),
        (b"<?xml version='1.0' encoding='ISO-8859-1'?><rss>", "ISO-8859-1"),
        (b"<html><head><title>No declaration</title>", None),
    ],
    ids=["meta", "meta-unquoted", "http-equiv", "xml-declaration", "none"],
)
def test_page_declared_charset_is_found(head, charset):
    assert declared_charset(head) == charset


def test_page_declaration_wins_over_a_utf8_guess():
    body = '<meta charset="windows-1252"><p>\u00c3\u00a9</p>'.encode("windows-1252")

    assert decode_page(body, None) == '<meta charset="windows-1252"><p>\u00c3\u00a9</p>'


@pytest.mark.asyncio
async def test_undeclared_utf8_is_decoded_as_utf8(pages):
    text = "\u00abNa\u00efve\u00bb r\u00e9sum\u00e9 \u2014 \u65e5\u672c"
    pages.serve("/", headers=[("Content-Type", "text/plain")], body=text.encode("utf-8"))

    page = await fetch(pages.url(), limits=LOCAL)

    assert page.text == text


@pytest.mark.asyncio
async def test_gzip_page_is_inflated(pages):
    body = b"<p>" + b"Markets rallied. " * 1000 + b"</p>"
    pages.serve("/", headers=[*HTML, ("Content-Encoding", "gzip")], body=gzip.compress(body))

    page = await fetch(pages.url(), limits=LOCAL)

    assert page.text == body.decode()


# Addresses


@pytest.mark.asyncio
async def test_loopback_address_refused_by_default(pages):
    pages.serve("/", headers=HTML, body=b"<p>internal</p>")

    with pytest.raises(FetchRefused) as refused:
        await fetch(pages.url(), limits=FetchLimits())

    assert str(refused.value).startswith("I can't fetch that address: it points to a private network")
    assert pages.requests == []


@pytest.mark.asyncio
async def test_localhost_refused_by_default(pages):
    pages.serve("/", headers=HTML, body=b"<p>internal</p>")

    with pytest.raises(FetchRefused):
        await fetch(f"http://localhost:{pages.port}/", limits=FetchLimits())

    assert pages.requests == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1:{other}/",
        "http://localhost:{other}/",
        "http://[::ffff:127.0.0.1]:{other}/",
    ],
)
@pytest.mark.parametrize("own_client", [True, False], ids=["pinned-client", "caller-client"])
async def test_redirect_to_private_address_refused(pages, other_pages, target, own_client):
    other_pages.serve("/", headers=HTML, body=b"<p>secret</p>")
    pages.redirect("/", target.format(other=other_pages.port))
    limits = FetchLimits(connect_timeout=0.5, total_timeout=2.0)

    async with httpx.AsyncClient(follow_redirects=True) as plain_client:
        with pytest.raises(FetchRefused):
            client = None if own_client else plain_client
            await fetch(pages.url(), limits=limits, client=client, policy=only_this_server(pages))

    assert [request.path for request in pages.requests] == ["/"]
    assert other_pages.requests == []


@pytest.mark.asyncio
async def test_redirect_within_allowed_server_is_followed(pages):
    pages.redirect("/old", "/new", status=301)
    pages.serve("/new", headers=HTML, body=b"<p>moved here</p>")

    page = await fetch(pages.url("/old"), limits=FetchLimits(), policy=only_this_server(pages))

    assert page.url == pages.url("/new")
    assert "moved here" in page.text


@pytest.mark.asyncio
async def test_any_private_address_among_the_resolved_ones_refuses():
    async def public_and_private(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.1.2.3")]

    limits = FetchLimits(connect_timeout=0.5, total_timeout=1.0)

    with pytest.raises(FetchRefused):
        await fetch("http://mixed.briefbot.test/", limits=limits, policy=HostPolicy(resolve=public_and_private))


@pytest.mark.asyncio
async def test_connection_goes_to_the_vetted_address(pages):
    pages.serve("/", headers=HTML, body=b"<p>pinned</p>")

    policy = resolving_to(["127.0.0.1"])

    page = await fetch(f"http://news.briefbot.test:{pages.port}/", limits=FetchLimits(), policy=policy)

    assert "pinned" in page.text
    assert pages.requests[0].headers["host"] == f"news.briefbot.test:{pages.port}"


@pytest.mark.asyncio
async def test_address_rebound_after_the_check_is_refused_at_connect(pages):
    pages.serve("/", headers=HTML, body=b"<p>pinned</p>")
    policy = resolving_to(["127.0.0.1"], ["10.0.0.1"])

    with pytest.raises(FetchRefused):
        await fetch(f"http://rebind.briefbot.test:{pages.port}/", limits=FetchLimits(), policy=policy)

    assert pages.requests == []


@pytest.mark.asyncio
async def test_unresolvable_host_is_fetch_failed():
    async def no_such_host(host: str, port: int) -> list[IPAddress]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchFailed, match=r"couldn't find the site nowhere\.briefbot\.test"):
        await fetch("https://nowhere.briefbot.test/", limits=FetchLimits(), policy=HostPolicy(resolve=no_such_host))


@pytest.mark.asyncio
async def test_connection_refused_is_fetch_failed():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    with pytest.raises(FetchFailed, match="couldn't connect"):
        await fetch(f"http://127.0.0.1:{closed_port}/", limits=LOCAL)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.1.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
        "2002:a00:1::",
        "64:ff9b::a00:1",
        "::7f00:1",
        "2001:db8::1",
    ],
)
def test_non_public_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2002:5db8:d822::"])
def test_public_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address))


# Schemes and redirect counts


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://ftp.example.com/pub/x.txt",
        "javascript:alert(1)",
        "data:text/html,hi",
        "example.com",
    ],
)
async def test_non_web_addresses_refused(url):
    with pytest.raises(FetchRefused):
        await fetch(url, limits=LOCAL)


@pytest.mark.asyncio
async def test_redirect_to_file_url_refused(pages):
    pages.redirect("/", "file:///etc/passwd")

    with pytest.raises(FetchRefused, match="not file: addresses"):
        await fetch(pages.url(), limits=LOCAL)


def chain(pages, hops: int) -> None:
    for hop in range(hops):
        pages.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    pages.serve(f"/hop{hops}", headers=HTML, body=b"<p>the end</p>")


@pytest.mark.asyncio
async def test_five_redirects_are_followed(pages):
    chain(pages, 5)

    page = await fetch(pages.url("/hop0"), limits=LOCAL)

    assert page.url == pages.url("/hop5")


@pytest.mark.asyncio
async def test_six_redirects_are_refused(pages):
    chain(pages, 6)

    with pytest.raises(FetchRefused, match="redirects too many times"):
        await fetch(pages.url("/hop0"), limits=LOCAL)

    assert len(pages.requests) == 6


# Size


@pytest.mark.asyncio
async def test_streamed_body_without_length_stops_at_cap(pages):
    sent = 0

    async def fifty_megabytes(request, writer):
        nonlocal sent
        writer.write(pages.head(200, [*HTML, ("Transfer-Encoding", "chunked")]))
        chunk = b"a" * 65_536
        while sent < 50_000_000:
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
            await writer.drain()
        writer.write(b"0\r\n\r\n")

    pages.handle("/", fifty_megabytes)
    limits = FetchLimits(max_bytes=1_000_000, allow_private=True)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FetchTooLarge):
            await fetch(pages.url(), limits=limits)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert elapsed < 2.0
    assert peak < 10_000_000
    assert sent < 10_000_000


@pytest.mark.asyncio
async def test_content_length_over_cap_refused_before_download(pages):
    async def headers_then_stall(request, writer):
        writer.write(pages.head(200, [*HTML, ("Content-Length", "50000000")]))
        await writer.drain()
        await asyncio.sleep(5)
        writer.write(b"a" * 50_000_000)

    pages.handle("/", headers_then_stall)
    limits = FetchLimits(max_bytes=1_000_000, read_timeout=3.0, allow_private=True)
    started = time.monotonic()

    with pytest.raises(FetchTooLarge, match="too large"):
        await fetch(pages.url(), limits=limits)

    assert time.monotonic() - started < 1.0


@pytest.mark.asyncio
async def test_gzip_bomb_stops_at_cap(pages):
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    pages.serve("/", headers=[*HTML, ("Content-Encoding", "gzip")], body=bomb)
    limits = FetchLimits(max_bytes=1_000_000, allow_private=True)
    tracemalloc.start()
    try:
        with pytest.raises(FetchTooLarge):
            await fetch(pages.url(), limits=limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert len(bomb) < limits.max_bytes
    assert peak < 10_000_000


# Time


@pytest.mark.asyncio
async def test_silent_server_times_out(pages):
    async def never_answer(request, writer):
        await asyncio.sleep(30)

    pages.handle("/", never_answer)
    limits = FetchLimits(read_timeout=0.5, total_timeout=1.0, allow_private=True)
    started = time.monotonic()

    with pytest.raises(FetchTimeout):
        await fetch(pages.url(), limits=limits)

    assert time.monotonic() - started < 3.0


@pytest.mark.asyncio
async def test_trickling_server_hits_the_total_deadline(pages):
    async def one_byte_at_a_time(request, writer):
        writer.write(pages.head(200, HTML))
        for _ in range(25):
            writer.write(b"a")
            await writer.drain()
            await asyncio.sleep(0.2)

    pages.handle("/", one_byte_at_a_time)
    limits = FetchLimits(read_timeout=0.5, total_timeout=1.0, allow_private=True)
    started = time.monotonic()

    with pytest.raises(FetchTimeout, match="took too long"):
        await fetch(pages.url(), limits=limits)

    assert 0.9 < time.monotonic() - started < 3.0


# Content types and statuses


@pytest.mark.asyncio
@pytest.mark.parametrize(("content_type", "words"), [("application/pdf", "a PDF"), ("image/png", "an image")])
async def test_pdf_and_image_are_not_articles(pages, content_type, words):
    pages.serve("/", headers=[("Content-Type", content_type)], body=b"%PDF-1.7 or PNG bytes")

    with pytest.raises(NotAnArticle, match=f"That link is {words}, not an article"):
        await fetch(pages.url(), limits=LOCAL)


@pytest.mark.asyncio
async def test_http_error_status_is_fetch_failed_with_status(pages):
    pages.serve("/gone", status=404, headers=HTML, body=b"<p>Not here</p>")

    with pytest.raises(FetchFailed) as failed:
        await fetch(pages.url("/gone"), limits=LOCAL)

    assert failed.value.status == 404
    assert str(failed.value) == "That page doesn't exist (the site answered 404)."


# Conditional requests and identity


@pytest.mark.asyncio
async def test_matching_etag_returns_not_modified(pages):
    async def cached(request, writer):
        if request.headers.get("if-none-match") == '"v7"':
            writer.write(pages.head(304, [("ETag", '"v7"')]))
        else:
            writer.write(pages.head(200, [*HTML, ("ETag", '"v7"'), ("Content-Length", "9")]) + b"<p>new</p>")

    pages.handle("/feed", cached)

    page = await fetch(pages.url("/feed"), limits=LOCAL, etag='"v7"')

    assert page.not_modified
    assert (page.status, page.text, page.etag) == (304, "", '"v7"')


@pytest.mark.asyncio
async def test_last_modified_is_sent_as_if_modified_since(pages):
    stamp = "Tue, 25 Nov 2025 14:40:00 GMT"
    pages.serve("/feed", status=304, headers=[("Last-Modified", stamp)])

    page = await fetch(pages.url("/feed"), limits=LOCAL, last_modified=stamp)

    assert pages.requests[0].headers["if-modified-since"] == stamp
    assert page.not_modified and page.last_modified == stamp


@pytest.mark.asyncio
@pytest.mark.parametrize("own_client", [True, False], ids=["pinned-client", "caller-client"])
async def test_user_agent_names_briefbot(pages, own_client):
    pages.serve("/", headers=HTML, body=b"<p>hi</p>")

    async with httpx.AsyncClient() as plain_client:
        await fetch(pages.url(), limits=LOCAL, client=None if own_client else plain_client)

    assert "briefbot" in pages.requests[0].headers["user-agent"]
