"""Language is decided on prose and named: lists do not make English foreign; Japanese is "not English"."""

import pytest

from summaries.article import read_article
from summaries.errors import UnsupportedLanguage

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
    assert "Yankees" in article.text


def test_japanese_is_refused_as_japanese():
    with pytest.raises(UnsupportedLanguage, match="looks like Japanese"):
        read_article(JAPANESE, title="防災")


def test_french_is_refused_as_french():
    text = "Le gouvernement a annoncé que la réforme sera votée par le parlement et que les syndicats sont contre. " * 5
    with pytest.raises(UnsupportedLanguage, match="looks like French"):
        read_article(text, title="Réforme")
