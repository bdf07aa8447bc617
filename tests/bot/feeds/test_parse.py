import pytest

from bot.feeds.parse import FeedMalformed, html_to_text, parse_feed
from tests.fakes.feeds import Item, atom, broken_rss, rdf, rss2

TITLE = "Biden allows Ukraine to use US arms & strike inside Russia"
ITEMS = [
    Item(TITLE, "https://news.example.com/a?utm_source=rss", "g-1"),
    Item("Kremlin warns of escalation", "https://news.example.com/b", None),
]


def test_rss2_entries_with_guid_or_canonical_link_as_key():
    feed = parse_feed(rss2(ITEMS), url="https://news.example.com/rss")
    assert feed.title == "World News"
    assert [e.key for e in feed.entries] == ["g-1", "https://news.example.com/b"]
    assert feed.entries[0].url == "https://news.example.com/a"
    assert feed.entries[0].title == TITLE
    assert feed.warning is None


def test_content_encoded_is_the_full_text():
    sentence = "Ukraine plans to conduct its first long-range attacks in the coming days. "
    body = f"<p>{sentence * 20}</p><p>Next.</p>"
    feed = parse_feed(rss2([Item("T", "https://x.example/a", "g", body_html=body)]), url="u")
    assert feed.entries[0].is_full_text
    assert feed.entries[0].text.endswith("\nNext.")


def test_teaser_only_entry_is_not_full_text():
    assert not parse_feed(rss2(ITEMS), url="u").entries[0].is_full_text


@pytest.mark.parametrize("render", [atom, rdf])
def test_atom_and_rdf(render):
    feed = parse_feed(render(ITEMS), url="u")
    assert [e.url for e in feed.entries] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert feed.entries[0].title.startswith("Biden allows Ukraine")


def test_broken_feed_that_still_parses_is_used_with_a_warning():
    feed = parse_feed(broken_rss(ITEMS), url="https://news.example.com/rss")
    assert feed.warning and "malformed" in feed.warning
    assert feed.entries and feed.entries[0].title == TITLE
    assert feed.entries[0].published is None


@pytest.mark.parametrize("document", ["<html><body><p>Not a feed</p></body></html>", "", "\x00\x01garbage"])
def test_document_that_is_no_feed_is_refused(document):
    with pytest.raises(FeedMalformed, match="not a feed"):
        parse_feed(document, url="https://news.example.com/rss")


def test_html_to_text_keeps_paragraphs_and_unescapes():
    assert html_to_text("<p>Tom &amp; Jerry</p><p>said&nbsp;hi<br/>twice</p>") == "Tom & Jerry\nsaid hi\ntwice"


def test_relative_links_are_resolved_against_the_feed_address():
    feed = parse_feed(rss2([Item("Relative", "/news/a.html", "g-r")]), url="https://news.example.com/rss/world")
    assert feed.entries[0].link == "https://news.example.com/news/a.html"
