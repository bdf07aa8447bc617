"""Turn page bytes into text the way browsers do: BOM, then the HTTP header, then the page's own declaration.

Only when nothing is declared is the encoding guessed: UTF-8 if the bytes are valid UTF-8, else
charset_normalizer's best guess (installed with trafilatura), else UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096
DETECT_BYTES = 64_000
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The WHATWG Encoding Standard decodes these labels as windows-1252, and so do pages written for browsers.
AS_WINDOWS_1252 = {"ascii", "iso8859-1"}
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """The media type in lower case ("" when absent) and the charset parameter, if any."""
    if not header:
        return "", None
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def decode_page(body: bytes, header_charset: str | None) -> str:
    """Decode `body`; undecodable bytes become U+FFFD rather than an error."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    for label in (header_charset, declared_charset(body[:SNIFF_BYTES])):
        text = _decode_as(body, label)
        if text is not None:
            return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode(_detect(body[:DETECT_BYTES]), errors="replace")


def declared_charset(head: bytes) -> str | None:
    """The charset named by an XML declaration or an HTML <meta> tag near the top of the page."""
    match = XML_ENCODING.match(head) or META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _decode_as(body: bytes, label: str | None) -> str | None:
    """Decode with a declared label; None when the label names no text encoding Python knows."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        return body.decode("cp1252" if name in AS_WINDOWS_1252 else name, errors="replace")
    except LookupError:
        return None


def _detect(sample: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return "utf-8"
    best = from_bytes(sample).best()
    return best.encoding if best else "utf-8"
