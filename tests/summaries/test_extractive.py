import json
from collections import Counter

import pytest

from summaries.article import read_article
from summaries.extractive import (
    ExtractiveSummarizer,
    is_sentence_furniture,
    lead_prior_strength,
    pagerank,
    sentence_scores,
    similarity_graph,
)
from summaries.tokens import content_words
from tests.conftest import SHARED


def test_briefing_keeps_article_order_and_the_asked_length(seed):
    briefing = ExtractiveSummarizer().brief(seed, sentences=4)
    assert len(briefing.sentences) == 4
    positions = [seed.text.index(s) for s in briefing.sentences]
    assert positions == sorted(positions)
    assert briefing.headline == seed.title


def test_briefing_leaves_out_page_furniture(seed):
    briefing = ExtractiveSummarizer().brief(seed, sentences=5)
    text = " ".join(briefing.sentences)
    assert "More from International News" not in text
    assert "Blogs" not in text


def test_near_duplicate_caption_is_not_repeated(cnndm_rows):
    # Row 7 of the Daily Mail sample repeats its lead sentence after "Scroll down for video".
    article = read_article(cnndm_rows[7]["article"])
    briefing = ExtractiveSummarizer().brief(article, sentences=4)
    bags = [set(content_words(s)) for s in briefing.sentences]
    for i, a in enumerate(bags):
        for b in bags[i + 1 :]:
            assert len(a & b) / min(len(a), len(b)) < 0.8


def test_daily_mail_byline_never_reaches_the_briefing(cnndm_rows):
    article = read_article(cnndm_rows[0]["article"])
    briefing = ExtractiveSummarizer().brief(article, sentences=3)
    assert not any("PUBLISHED" in s or "Associated Press ." in s for s in briefing.sentences)
    assert briefing.sentences[0].startswith("The bishop of the Fargo Catholic Diocese")


@pytest.fixture(scope="module")
def bbc_rows() -> list[dict]:
    """Lines 0-39 of bbc.jsonl, the ones SOURCE.md lets us read."""
    path = SHARED / "data" / "news-summ" / "bbc.jsonl"
    if not path.exists():
        pytest.skip("../shared/data is not beside the repository")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:40]]


def test_pagerank_ranks_the_sentence_others_resemble_highest():
    bags = [Counter(content_words(s)) for s in ("Floods hit the town.", "The town floods again.", "Rain fell.")]
    rank = pagerank(similarity_graph(bags), damping=0.85, iterations=30)
    assert rank[0] == rank[1] > rank[2]
    assert sum(rank) == pytest.approx(1.0)


def test_lead_prior_is_weaker_when_the_lead_is_off_topic():
    assert lead_prior_strength([1.0, 0.5] + [0.5] * 30) > lead_prior_strength([0.2, 1.0] + [0.5] * 30)


def test_lead_prior_is_weaker_in_a_short_article():
    assert lead_prior_strength([1.0] + [0.5] * 40) > lead_prior_strength([1.0] + [0.5] * 9)


def test_lead_prior_is_weaker_when_the_central_sentences_lie_further_down():
    pyramid = [1.0, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6] + [0.4] * 22
    spread = [1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] + [0.8] * 22
    assert lead_prior_strength(pyramid) > lead_prior_strength(spread)


def test_short_bbc_article_gets_its_key_sentences_from_further_down(bbc_rows):
    # Line 17 of bbc.jsonl: its summary takes sentences 0, 2, 3 and 7 of 9, not the lead three.
    row = bbc_rows[17]
    article = read_article(row["article"], title=row["title"])
    briefing = ExtractiveSummarizer().brief(article, sentences=3)
    texts = [s.text for s in article.sentences]
    assert [texts.index(s) for s in briefing.sentences] == [0, 3, 7]
    assert set(briefing.sentences) <= set(row["reference"].split("\n"))


def test_long_cnn_story_keeps_its_lead(cnndm_rows):
    # Row 1: a long CNN story whose lead is the first highlight.
    article = read_article(cnndm_rows[1]["article"])
    briefing = ExtractiveSummarizer().brief(article, sentences=3)
    assert briefing.sentences[0] == article.sentences[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Scroll down for video",
        "VIDEO Scroll down to watch Roberto Martinez: Everton need to sign a few more players",
        "Read more: U.N. inspectors heading to Syria to probe chemical weapons reports",
        "CNN's Livia Borghese contributed to this report.",
        "For the latest on The Lead with Jake Tapper click here.",
        "PUBLISHED:",
    ],
)
def test_furniture_inside_a_paragraph_is_recognised(text):
    assert is_sentence_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "He told the Daily Mail: \u2018They seek guns and violence.",
        "The domain name for Clinton's private email address was @clintonemail.com.",
        "A Kazakh official told Reuters that Putin had fallen ill.",
    ],
)
def test_news_that_mentions_an_outlet_is_not_furniture(text):
    assert not is_sentence_furniture(text)


def test_scroll_down_for_video_is_no_candidate(cnndm_rows):
    # Rows 16 and 45 of the Daily Mail sample carry "Scroll down for video" among their first sentences, where the
    # lead prior is strongest; a short-sentence penalty alone leaves it in the running.
    for row in (16, 45):
        article = read_article(cnndm_rows[row]["article"])
        assert any(s.text == "Scroll down for video" for s in article.sentences)
        scored, _ = sentence_scores(article)
        assert not any(is_sentence_furniture(s.text) for s, _ in scored)
