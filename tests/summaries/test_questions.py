import pytest

from summaries.errors import EmptyQuestion, QuestionTooLong
from summaries.questions import read_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many Syrians were killed in the airstrike?", "quantity"),
        ("In what year did Magic Johnson learn he had HIV?", "date"),
        ("Who is Davis's attorney?", "name"),
        ("Where was Mata arrested?", "place"),
        ("Which team did Liverpool beat?", "name"),
        ("What did the UCI buy with Armstrong's donation?", "other"),
        ("With which company did Amazon merge?", "name"),
        ("How many goals did he score?", "quantity"),
        ("What was the final score?", "score"),
    ],
)
def test_question_types(question, kind):
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Which store did Cameron buy his beige loafers from?", {"store"}),
        ("Which cosmetics company signed Lupita Nyong'o?", {"cosmetic", "company"}),
        ("What is the name of the Chinese icebreaker?", {"icebreaker"}),
        ("What\u2019s the name of the ship?", {"ship"}),
        ("With which bed company did he sign?", {"bed", "company"}),
        ("Who is the Bergen County prosecutor?", {"prosecutor"}),
        ("Who replaced McNair?", set()),
    ],
)
def test_focus_words_name_what_is_asked_for(question, focus):
    assert read_question(question).focus == focus


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Who is Richard Grenell?", "Richard Grenell"),
        ("Who's Richard Grenell?!", "Richard Grenell"),
        ("What was the cost?", None),
    ],
)
def test_who_is_names_its_subject(question, subject):
    assert read_question(question).subject == subject


def test_question_is_read_with_its_spaces_collapsed():
    assert read_question("  Who   is\n Richard\tGrenell? ").text == "Who is Richard Grenell?"


def test_empty_question_is_refused():
    with pytest.raises(EmptyQuestion):
        read_question("  ?! ")


def test_pasted_article_as_question_is_refused():
    with pytest.raises(QuestionTooLong, match="at most 500 characters"):
        read_question("Who said what? " * 40)
