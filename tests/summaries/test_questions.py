import pytest

from summaries.questions import focus_words, question_type


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
