"""Control characters and bidi overrides never enter the core: not in the text, a title, a speaker or a by-line."""

from summaries.article import read_article
from summaries.engine import OfflineEngine

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x08\u202e"


def test_article_text_title_and_metadata_lose_control_characters(seed_text):
    title, _, body = seed_text.partition("\n")
    article = read_article(
        body.replace(" said", f" said{HOSTILE}", 3), title=f"{HOSTILE}{title}", author=f"Jo{HOSTILE} Smith",
        site_name="BBC\u202e", url="https://example.com/a\x1b[2J",
    )  # fmt: skip
    for value in (article.text, article.title, article.author, article.site_name, article.url):
        assert value is not None
        assert not any(ch in value for ch in "\x1b\x07\x08\u202e"), value
    assert "\n" in article.text


def test_speaker_names_carry_no_control_characters():
    text = (
        "Officials met on Tuesday to discuss the budget for the coming year in the capital city.\n"
        f"\u201cWe will cut the deficit,\u201d said Jane{HOSTILE} Doe, the finance minister of the country.\n"
        "The plan goes to parliament next week, where it is expected to pass by a wide margin of votes."
    )
    quotes = OfflineEngine().quotes(read_article(text, title="Budget"))
    assert quotes.quotes and all(not any(ch in (q.speaker or "") for ch in "\x1b\x07\x08\u202e") for q in quotes.quotes)
