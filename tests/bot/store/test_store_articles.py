"""Articles are kept once per story (canonical URL or content hash); feed entries once per feed and key."""

from __future__ import annotations

import dataclasses

import pytest

from bot.fingerprints import content_hash
from bot.store import Store, UnknownFeed
from tests.bot.store.store_samples import FEED, HEPATITIS, UKRAINE


def test_saved_article_reads_back(store: Store) -> None:
    record, is_new = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    assert is_new
    assert record.url == "https://www.reuters.com/world/biden-allows-ukraine-strike-inside-russia"
    assert record.article == dataclasses.replace(UKRAINE, url=record.url)
    assert record.fetched_at.tzinfo is not None


def test_same_text_under_another_url_is_the_same_article(store: Store) -> None:
    first, _ = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    moved = dataclasses.replace(UKRAINE, url="https://www.reuters.com/amp/biden-ukraine", text=UKRAINE.text + "\n")
    again, is_new = store.save_article(moved, content_hash=content_hash(moved.text))
    assert (again, is_new) == (first, False)


def test_same_url_with_edited_text_is_the_same_article(store: Store) -> None:
    first, _ = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    edited = dataclasses.replace(UKRAINE, url=UKRAINE.url + "&utm_medium=social", text=UKRAINE.text + " Updated.")
    again, is_new = store.save_article(edited, content_hash=content_hash(edited.text))
    assert (again, is_new) == (first, False)


def test_article_without_url_is_kept_by_hash(store: Store) -> None:
    pasted = dataclasses.replace(HEPATITIS, url=None)
    record, is_new = store.save_article(pasted, content_hash=content_hash(pasted.text))
    assert is_new and record.url is None
    assert store.find_article(content_hash=content_hash(pasted.text)) == record


def test_find_article_by_url_or_hash(store: Store) -> None:
    record, _ = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    assert store.find_article(url="https://www.reuters.com/world/biden-allows-ukraine-strike-inside-russia/") == record
    assert store.find_article(content_hash=content_hash(UKRAINE.text)) == record
    assert store.find_article(url=HEPATITIS.url) is None


def test_the_url_wins_over_the_text_when_they_name_different_articles(store: Store) -> None:
    ukraine, _ = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    hepatitis, _ = store.save_article(HEPATITIS, content_hash=content_hash(HEPATITIS.text))
    assert store.find_article(url=HEPATITIS.url, content_hash=content_hash(UKRAINE.text)) == hepatitis
    assert store.find_article(url=UKRAINE.url, content_hash=content_hash(HEPATITIS.text)) == ukraine


def test_entry_is_new_once_per_feed(store: Store) -> None:
    feed = store.add_feed(FEED)
    other = store.add_feed("https://example.org/news.rss")
    record, _ = store.save_article(UKRAINE, content_hash=content_hash(UKRAINE.text))
    entry = {"entry_key": "tag:reuters.com,2024:ukraine", "url": UKRAINE.url, "article_id": record.id}
    assert store.record_entry(feed.id, **entry, baseline=False)
    assert not store.record_entry(feed.id, **entry, baseline=False)
    assert store.record_entry(other.id, **entry, baseline=False)
    assert store.has_entry(feed.id, "tag:reuters.com,2024:ukraine")
    assert not store.has_entry(feed.id, "tag:reuters.com,2024:other")


def test_entry_may_be_recorded_without_an_article(store: Store) -> None:
    feed = store.add_feed(FEED)
    assert store.record_entry(feed.id, entry_key="https://example.com/a", url=None, article_id=None, baseline=True)


def test_entry_for_unknown_feed_is_refused(store: Store) -> None:
    with pytest.raises(UnknownFeed):
        store.record_entry(404, entry_key="guid", url=None, article_id=None, baseline=False)


def test_image_is_kept(store: Store) -> None:
    pictured = dataclasses.replace(UKRAINE, image="https://www.reuters.com/resizer/ukraine.jpg")
    record, _ = store.save_article(pictured, content_hash=content_hash(pictured.text))
    assert record.image == pictured.image
    assert store.find_article(url=UKRAINE.url) == record
    assert record.article.image == pictured.image


def test_article_read_back_is_not_cleaned_again(store: Store) -> None:
    # Text as read_article left it, ending on a credit line that a second clean-up used to cut.
    text = UKRAINE.text + "\nCNN's Jim Acosta reported from Washington."
    kept = dataclasses.replace(UKRAINE, text=text)
    record, _ = store.save_article(kept, content_hash=content_hash(text))
    article = record.article
    assert article.text == text and content_hash(article.text) == record.content_hash
    assert article.sentences[-1].text == "CNN's Jim Acosta reported from Washington."
