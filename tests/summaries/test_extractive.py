from summaries.article import read_article
from summaries.extractive import ExtractiveSummarizer
from summaries.tokens import content_words


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
