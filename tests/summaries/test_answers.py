import pytest

from summaries.answers import answer
from summaries.article import read_article
from summaries.errors import EmptyQuestion
from summaries.questions import focus_words, question_type
from summaries.spans import names


def test_answer_cites_the_sentence_it_comes_from(seed):
    result = answer(seed, "What range do ATACMS rockets have?")
    assert result.found
    assert "190 miles" in result.evidence
    assert result.evidence in seed.text


def test_quantity_question_gets_the_number(seed):
    result = answer(seed, "How many months before Trump takes office does the move come?")
    assert result.text == "two"


def test_question_the_article_does_not_answer_gets_no_answer(seed):
    result = answer(seed, "Who won the football World Cup final in Qatar?")
    assert result.text is None
    assert result.evidence is None


def test_empty_question_is_refused(seed):
    with pytest.raises(EmptyQuestion):
        answer(seed, "  ?! ")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many Syrians were killed in the airstrike?", "quantity"),
        ("In what year did Magic Johnson learn he had HIV?", "date"),
        ("Who is Davis's attorney?", "name"),
        ("Where was Mata arrested?", "place"),
        ("Which team did Liverpool beat?", "name"),
        ("What did the UCI buy with Armstrong's donation?", "other"),
    ],
)
def test_question_types(question, kind):
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who is Richard Grenell?", "one of Trump's closest foreign policy advisers"),
        ("Who is Alex Plitsas?", "senior non-resident fellow at the Atlantic Council"),
    ],
)
def test_who_is_gets_the_description_the_article_gives(seed, question, expected):
    assert answer(seed, question).text == expected


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Which store did Cameron buy his beige loafers from?", {"store"}),
        ("Which cosmetics company signed Lupita Nyong'o?", {"cosmetic", "company"}),
        ("What is the name of the ship stuck in the ice?", {"ship", "stuck"}),
        ("Who is the Bergen County prosecutor?", {"prosecutor"}),
        ("Who replaced McNair?", set()),
    ],
)
def test_focus_words_name_what_is_asked_for(question, focus):
    assert focus_words(question) == focus


def test_names_skip_sentence_openers_dates_and_prefixes():
    found = [m.group() for m in names("On Friday, an anti-Morsy politician met the Leesburg Bikefest chief. He left.")]
    assert found == ["the Leesburg Bikefest"]


@pytest.mark.parametrize(
    ("row", "question", "expected"),
    [
        # The sentence holding a sum beats the ones that only repeat the question's words.
        (45, "How much did Luke win on Big Brother?", "£50,000"),
        # The name follows the noun asked for: "high street store Aldo".
        (5, "Which store did Cameron buy his beige loafers from?", "Aldo"),
        # One shared word: the short sentence beats the long quote that also holds it.
        (34, "Which company bought Twitch?", "Amazon"),
    ],
)
def test_evidence_holds_the_answer_in_real_articles(cnndm_rows, row, question, expected):
    article = read_article(cnndm_rows[row]["article"])
    result = answer(article, question)
    assert result.evidence is not None
    assert expected in result.evidence
    assert result.evidence in article.text
