"""Stories: one story however many feeds carry it or however it is re-published; ranked by importance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.fingerprints import content_hash
from bot.stories import Candidate, Source, stories

NOW = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)


def candidate(article_id, text, feed, *, hours_ago=1.0, guid=None):
    source = Source(feed, guid or f"{feed}#{article_id}", f"https://{feed}/a/{article_id}")
    return Candidate(article_id, content_hash(text), text, NOW - timedelta(hours=hours_ago), (source,))


def test_a_story_from_two_feeds_edited_in_one_is_one_story_with_both_sources(cnndm_rows):
    text = cnndm_rows[0]["article"]
    sentences = text.split(". ")
    edited = ". ".join([*sentences[:3], "The agency added a correction on Tuesday", *sentences[3:-2]])
    merged = stories([candidate(1, text, "a.example"), candidate(2, edited, "b.example")], NOW)
    assert len(merged) == 1
    assert {s.feed for s in merged[0].sources} == {"a.example", "b.example"}
    assert set(merged[0].article_ids) == {1, 2}


def test_different_stories_stay_apart(cnndm_rows):
    found = stories([candidate(n, row["article"], "a.example") for n, row in enumerate(cnndm_rows[:20])], NOW)
    assert len(found) == 20


def test_a_story_carried_by_more_feeds_ranks_first_however_old(cnndm_rows):
    wide = cnndm_rows[1]["article"]
    ranked = stories(
        [
            candidate(1, cnndm_rows[0]["article"], "a.example", hours_ago=0.1),
            candidate(2, wide, "a.example", hours_ago=20),
            candidate(3, wide, "b.example", hours_ago=20),
        ],
        NOW,
    )
    assert ranked[0].lead.article_id in (2, 3)
    assert ranked[0].feeds == 2


def test_among_single_feed_stories_the_recent_one_ranks_first(cnndm_rows):
    ranked = stories(
        [
            candidate(1, cnndm_rows[2]["article"], "a.example", hours_ago=30),
            candidate(2, cnndm_rows[3]["article"], "a.example", hours_ago=1),
        ],
        NOW,
    )
    assert [s.lead.article_id for s in ranked] == [2, 1]


def test_the_longest_copy_leads_its_story(cnndm_rows):
    text = cnndm_rows[4]["article"]
    short = text[: int(len(text) * 0.8)]
    merged = stories([candidate(1, short, "a.example"), candidate(2, text, "b.example")], NOW)
    assert merged[0].lead.article_id == 2
