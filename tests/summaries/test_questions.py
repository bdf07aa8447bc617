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
        ("What stake does the bank hold in the mill?", "quantity"),
        ("At what time did the ferry sail?", "date"),
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


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("About how many Americans are living with HIV?", "quantity"),
        ("Off which coast did the ship sink?", "name"),
    ],
)
def test_a_leading_preposition_or_hedge_does_not_hide_the_question_word(question, kind):
    assert read_question(question).kind == kind


def test_a_name_after_the_noun_asked_for_starts_a_clause():
    assert read_question("What is the name of the producer Clarkson allegedly hit?").focus == {"producer"}
    assert read_question("What was the name of A.J. Pero's wife?").focus == {"wife"}


def test_who_with_a_verb_keeps_the_verb_as_the_act_asked_about():
    assert read_question("Who founded Sigma Alpha Epsilon?").predicate == {"found"}
    assert read_question("Who is Davis's attorney?").predicate == frozenset()


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What prompted the decision?", "reason"),
        ("Why did Beijing keep the visit secret?", "reason"),
        ("What happened to the ship?", "other"),
        ("What was the ship's destination?", "place"),
        ("What sentence did the judge hand down?", "quantity"),
    ],
)
def test_more_question_forms(question, kind):
    assert read_question(question).kind == kind


def test_a_prison_sentence_is_measured_as_a_duration():
    assert read_question("What sentence did Berahino receive?").measure == "long"


def test_a_name_before_the_counted_noun_only_narrows_it():
    assert read_question("How many US weapons systems has Ukraine received so far?").counted == {"weapon", "system"}


def test_a_share_is_measured_in_per_cent_and_what_time_asks_for_a_time_of_day():
    assert read_question("What percentage of votes did she win?").measure == "share"
    assert read_question("At what time did the ferry sail?").measure == "time"


def test_a_when_question_names_the_act_by_its_last_word():
    assert read_question("When was the museum founded?").predicate == {"found"}
    assert read_question("When did the museum reopen?").predicate == {"reopen"}
    assert read_question("When Harris spoke, what did he say?").predicate == frozenset()
