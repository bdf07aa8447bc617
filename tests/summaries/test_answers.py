import pytest

from summaries.answers import answer, question_type
from summaries.errors import EmptyQuestion


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
