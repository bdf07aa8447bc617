import pytest

from summaries.article import read_article
from summaries.cleanup import clean_body
from summaries.engine import OfflineEngine
from summaries.errors import NoArticleFound, UnsupportedLanguage


def test_seed_page_leftovers_are_removed(seed):
    assert seed.title == "Biden allows Ukraine to use US arms to strike inside Russia"
    for leftover in ("file", "More from International News", "Blogs"):
        assert leftover not in seed.text.split("\n")
    assert "\u00a0" not in seed.text


def test_daily_mail_byline_and_timestamps_are_removed():
    raw = (
        "By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . 15:36 EST, 25 October "
        "2013 . The bishop of the Fargo Catholic Diocese in North Dakota has exposed potentially hundreds of church "
        "members to the hepatitis A virus."
    )
    assert clean_body(raw).startswith("The bishop of the Fargo Catholic Diocese")


def test_cnn_dateline_is_removed():
    raw = "WASHINGTON (CNN)  -- Terrorists are likely to use a weapon of mass destruction somewhere in the world."
    assert clean_body(raw).startswith("Terrorists are likely")


def test_corpus_line_joins_become_spaces_or_paragraph_breaks():
    raw = (
        "Two lawyers representing a woman who . claims to have had sex as a minor have filed a lawsuit. "
        "In a filing, Cassell and . Edwards said their client was forced. . Scroll down for video . "
        "'We have to drive people to get tested, . because that's the most important thing,' he told CBS News."
    )
    body = clean_body(raw)
    assert "woman who claims" in body
    assert "Cassell and Edwards said" in body
    assert "Scroll down for video" not in body
    assert "tested, because" in body


def test_corpus_break_inside_a_name_is_a_line_wrap():
    raw = (
        "Above, wildlife photographer Steve Trewhella poses with the enormous creature . "
        "Richard Harrington of the Marine . Conservation Society said: 'We still advise the public not to touch them.' "
        ". Scroll down for video . Police in London and Paris . The man was arrested."
    )
    paragraphs = clean_body(raw).split("\n")
    assert "Richard Harrington of the Marine Conservation Society said: 'We" in paragraphs[1]
    assert "Police in London and Paris" in paragraphs  # "in" is no part of a name: a real break
    assert "The man was arrested." in paragraphs


def test_name_fragment_is_not_glued_to_a_new_sentence_or_furniture():
    raw = "Sign Up for Our Newsletter . The council said it would appeal against the ruling."
    assert clean_body(raw) == "The council said it would appeal against the ruling."


def test_odd_spaces_become_one_plain_space():
    assert clean_body("The store\x0c\x0c\u2028Aldo\tsold  the\u00a0shoes.") == "The store Aldo sold the shoes."


def test_page_with_no_prose_is_refused():
    with pytest.raises(NoArticleFound):
        read_article("Home\nNews\nSport\nMore from International News\nBlogs")


def test_text_in_another_language_is_read_as_such_and_the_offline_engine_refuses_it():
    german = (
        "Die Bundesregierung hat am Sonntag neue Maßnahmen beschlossen. Nach Angaben des Ministeriums sollen die "
        "Hilfen für Unternehmen bereits im kommenden Monat ausgezahlt werden. Kritiker sprechen von einem "
        "überfälligen Schritt, die Opposition fordert weitere Entlastungen für Familien und Rentner."
    )
    article = read_article(german)
    assert article.language == "German"
    with pytest.raises(UnsupportedLanguage, match="looks like German"):
        OfflineEngine().brief(article)
