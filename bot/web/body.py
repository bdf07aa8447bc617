"""Read a response body without ever holding more than the cap, compressed or not.

httpx's own decoders inflate a whole network chunk at once, so 64 KiB of gzip can become 60 MB before any
check runs. Here bytes on the wire and inflated bytes are both counted, and zlib is asked for at most the bytes
still allowed, so a gzip bomb stops at the cap.
"""

from __future__ import annotations

import zlib

import httpx

from bot.inputs import size_words
from bot.web.errors import FetchFailed, FetchTooLarge

ACCEPT_ENCODING = "gzip, deflate"
GZIP_MAGIC = b"\x1f\x8b"


def too_large(max_bytes: int) -> FetchTooLarge:
    return FetchTooLarge(f"That page is too large for me to read (over {size_words(max_bytes)}).")


class Inflater:
    """Incremental gzip/deflate decoding that refuses to produce more than a byte budget."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes, budget: int) -> bytes:
        """Inflate `data`, stopping as soon as the output passes `budget`; a longer result means over the cap."""
        if not self._started and data:
            self._started = True
            if not self._gzip and not _has_zlib_header(data):
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        while data:
            out += self._zlib.decompress(data, budget - len(out) + 1)
            if len(out) > budget:
                break
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                rest = self._zlib.unused_data
                if not (self._gzip and rest.startswith(GZIP_MAGIC)):
                    break
                self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
                data = rest
        return bytes(out)


def _has_zlib_header(data: bytes) -> bool:
    """'deflate' should be zlib-wrapped, but some servers send raw deflate; the two-byte header tells them apart."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, or FetchTooLarge once the declared, wire or decoded size passes `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise FetchFailed("The site sent the page in a compressed form I can't read.")
    inflater = None if encoding in ("identity", "") else Inflater(encoding)
    body = bytearray()
    wire = 0
    try:
        async for chunk in response.aiter_raw():
            wire += len(chunk)
            if wire > max_bytes:
                raise too_large(max_bytes)
            body += inflater.feed(chunk, max_bytes - len(body)) if inflater else chunk
            if len(body) > max_bytes:
                raise too_large(max_bytes)
    except zlib.error as exc:
        raise FetchFailed("The site sent a damaged page that I couldn't unpack.") from exc
    return bytes(body)
