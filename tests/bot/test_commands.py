"""The one command grammar: every front end's text parses to the same typed commands, and never raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands import (
    Ask,
    BriefText,
    BriefUrl,
    DigestNow,
    Help,
    ListFeeds,
    Subscribe,
    Unsubscribe,
    Usage,
    parse_command,
)

ARTICLE = "The council voted on Tuesday to close the bridge.\nIt will reopen in May, officials said."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("HELP", Help()),
        ("https://example.com/news/1", BriefUrl("https://example.com/news/1")),
        ("<https://example.com/news/1>", BriefUrl("https://example.com/news/1")),
        ("<https://example.com/news/1|example.com/news/1>", BriefUrl("https://example.com/news/1")),
        ("www.example.com/a", BriefUrl("https://www.example.com/a")),
        (ARTICLE, BriefText(ARTICLE)),
        ("ask Who said it?", Ask("Who said it?")),
        ("ask https://example.com/a Who said it?", Ask("Who said it?", "https://example.com/a")),
        ("ask <https://example.com/a> Who?", Ask("Who?", "https://example.com/a")),
        ("Who said it?", Ask("Who said it?")),
        ("feeds", ListFeeds()),
        ("digest", DigestNow()),
        ("digest now", DigestNow()),
        ("unsubscribe https://example.com/rss", Unsubscribe("https://example.com/rss")),
        ("subscribe https://example.com/rss", Subscribe("https://example.com/rss")),
        (
            "subscribe https://example.com/rss at 07:30 tz Europe/Berlin only climate energy except sport",
            Subscribe("https://example.com/rss", "07:30", "Europe/Berlin", ("climate", "energy"), ("sport",)),
        ),
        ("follow <https://example.com/rss> tz Asia/Tokyo", Subscribe("https://example.com/rss", None, "Asia/Tokyo")),
    ],
)
def test_commands(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ask",
        "ask   ",
        "subscribe",
        "subscribe not-a-url",
        "subscribe https://e.com/rss at 7pm",
        "unsubscribe",
        "subscribe https://e.com/rss please",
    ],
)
def test_mistakes_are_usage_with_a_reason(text):
    parsed = parse_command(text)
    assert isinstance(parsed, Usage) and parsed.problem


def test_a_long_pasted_text_ending_in_a_question_is_an_article():
    text = "word " * 100 + "why?"
    assert parse_command(text) == BriefText(text.strip())


@given(st.text(max_size=300))
def test_any_text_parses_without_raising(text):
    parse_command(text)
