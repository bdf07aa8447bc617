"""Reading article text from a file or stdin, refusing what is not an article before anything parses it."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import BinaryIO

from summaries.errors import BriefbotError, InputTooLarge, NoArticleFound, NotText

STDIN = "-"
NAME_MAX = 100
"""Longest input name repeated in an error line; a longer path or URL is shortened with '…'."""
_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")

_HTML_START = re.compile(r"\s*(?:<!doctype html|<html|<head|<body|<meta|<title|<!--)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A saved or served web page (whatever its name or declared type), to be extracted, not read as prose."""
    return bool(_HTML_START.match(text[:4096]))


class InputNotFound(BriefbotError):
    """The path does not exist or cannot be read."""


def read_text(source: str, *, max_bytes: int) -> str:
    """The text of file `source` ("-" for stdin), refused when missing, empty, binary or over `max_bytes`."""
    if source == STDIN:
        if sys.stdin is None or sys.stdin.closed:
            raise InputNotFound("standard input is closed: there is nothing to read.")
        try:
            return decode(_read_capped(sys.stdin.buffer, max_bytes, "standard input"), "standard input")
        except (OSError, ValueError) as error:
            raise InputNotFound(f"standard input cannot be read ({error}).") from error
    path = Path(source)
    name = shortened(source)
    try:
        if not path.exists():
            raise InputNotFound(f"{name}: no such file.")
        if path.is_dir():
            raise InputNotFound(f"{name}: is a directory, not an article file.")
        if not path.is_file():  # a FIFO with no writer would block forever; a device never ends
            raise InputNotFound(f"{name}: is not a regular file (a pipe or device); use - for standard input.")
        size = path.stat().st_size
    except OSError as error:  # a name over 255 bytes, a path over 4,096, a permission denied on the way
        raise InputNotFound(f"{name}: cannot be read ({error.strerror or error}).") from error
    if size > max_bytes:
        raise InputTooLarge(f"{name}: {size / 1e6:.1f} MB is over the {size_words(max_bytes)} limit for an article.")
    try:
        with path.open("rb") as handle:
            return decode(_read_capped(handle, max_bytes, name), name)
    except OSError as error:
        raise InputNotFound(f"{name}: cannot be read ({error.strerror or error}).") from error


def _read_capped(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"{name}: over the {size_words(max_bytes)} limit for an article.")
    return data


def size_words(size: int) -> str:
    """A byte count as people read it: "2 MB", "500 kB", "512 bytes" (never "0.0005 MB")."""
    if size >= 1_000_000:
        return f"{size / 1e6:g} MB"
    if size >= 1_000:
        return f"{size / 1e3:g} kB"
    return f"{size:,} bytes"


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a stray bad byte is replaced), UTF-16 with a BOM, else Windows-1252; NUL bytes mean no text."""
    if not data.strip():
        raise NoArticleFound(f"{name}: is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise NotText(f"{name}: is a binary file, not article text.")
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > len(text) // 100:  # mostly not UTF-8: the Windows code page of older files
        return data.decode("cp1252", errors="replace")
    return text


def shortened(name: str) -> str:
    """`name` as an error line repeats it: at most NAME_MAX characters."""
    return name if len(name) <= NAME_MAX else f"{name[: NAME_MAX - 1]}…"
