"""Language is read on prose and named: lists do not make English foreign; the offline engine refuses what is not
English with the language it saw; text without spaces between words (Japanese) is refused for every engine."""

import pytest

from summaries.article import read_article, restore_article
from summaries.engine import OfflineEngine
from summaries.errors import UnsupportedLanguage
from summaries.model import ENGLISH

BOX_SCORES = "\n".join(
    [
        "The Yankees beat the Red Sox 5-3 on Tuesday night, and the Mets lost again at home to the Braves.",
        "Here are the rest of the results from around the league, with the starting pitchers for each game.",
        "The playoff race tightened as three teams won on the final night of the regular season, officials said.",
    ]
    + [f"Team {n} 4, Rivals {n} 2 (W: Smith 3-1, L: Jones 1-4)" for n in range(60)]
)
JAPANESE = "東京都は月曜日、新しい防災計画を発表した。知事は記者会見で「都民の安全を守る」と述べた。\n" * 20


def test_an_english_page_of_lists_is_english():
    article = read_article(BOX_SCORES, title="Scores")
    assert "Yankees" in article.text and article.language == ENGLISH


def test_japanese_is_refused_as_japanese():
    with pytest.raises(UnsupportedLanguage, match="looks like Japanese"):
        read_article(JAPANESE, title="防災")


def test_french_is_read_as_french_and_the_offline_engine_refuses_it_in_every_call(french_text):
    article = read_article(french_text)
    assert article.language == "French" and len(article.sentences) == 7
    engine = OfflineEngine()
    refused = "This article looks like French; the offline engine briefs English text only."
    for call in (lambda: engine.brief(article), lambda: engine.quotes(article), lambda: engine.answer(article, "Qui?")):
        with pytest.raises(UnsupportedLanguage) as raised:
            call()
        assert str(raised.value) == refused


def test_a_language_in_a_script_with_spaces_is_read_and_named():
    russian = "Правительство объявило в понедельник о новых мерах поддержки для малого бизнеса и семей. " * 5
    assert read_article(russian, title="Меры").language == "a Cyrillic-script language"


def test_a_latin_language_not_recognised_is_not_english_and_unnamed():
    finnish = "Hallitus kertoi maanantaina uusista toimista, joilla tuetaan pienyrityksiä ja perheitä ensi vuonna. " * 5
    article = read_article(finnish, title="Toimet")
    assert article.language is None
    with pytest.raises(UnsupportedLanguage, match="does not look like English"):
        OfflineEngine().brief(article)


def test_a_stored_article_is_read_again_in_its_language(french_text, seed):
    french = read_article(french_text)
    fields = {"title": None, "url": None, "author": None, "published": None, "site_name": None, "image": None}
    assert restore_article(french.text, **fields).language == "French"
    assert restore_article(seed.text, **fields).language == ENGLISH
