"""Who said a quote, on written examples of the patterns that trip a rule-based attributor (HARD-CASES.md)."""

from __future__ import annotations

from summaries.article import read_article
from summaries.model import Quote
from summaries.quotes import find_quotes

_OPENING = "The city council met on Tuesday night to discuss the budget for the coming year.\n"
_EARLIER = 'Councillor Tom Baker opened the meeting. "We have a lot to get through," he said.\n'


def _quote(text: str, starting: str) -> Quote:
    quotes = find_quotes(read_article(_OPENING + text, title="Test")).quotes
    return next(q for q in quotes if q.text.startswith(starting))


def _speaker(text: str, starting: str) -> str | None:
    return _quote(text, starting).speaker


def test_person_brought_in_as_an_object_takes_the_next_pronoun() -> None:
    text = _EARLIER + 'The result was a relief to engineer Maria Lind. "We waited two years for this," she said.'
    assert _speaker(text, "We waited") == "Maria Lind"


def test_person_brought_in_in_a_possessive_takes_the_next_pronoun() -> None:
    text = _EARLIER + 'Ms Ruiz\'s view of the plan has changed. "The costs changed, so I changed," she said.'
    assert _speaker(text, "The costs") == "Ruiz"


def test_subject_of_a_verb_that_is_no_speech_verb_takes_the_next_pronoun() -> None:
    text = _EARLIER + 'Analyst Rui Costa walks through what went wrong. "Three things failed at once," he said.'
    assert _speaker(text, "Three things") == "Rui Costa"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        'Mrs Ada Stone, 91, still sings in the choir. "I will never stop," she said. '
        'Her husband, Mr Walter Stone, died in 2015. "Singing keeps me young," she says.'
    )
    assert _speaker(text, "Singing") == "Ada Stone"


def test_gender_is_learnt_from_the_article_pronouns() -> None:
    text = (
        "Jordan Vale runs the food bank. She has done so since 2010. Sam Price, a volunteer, says he helps on "
        'weekends. Sam Price and Jordan Vale met at school. "They never miss a day," she said.'
    )
    assert _speaker(text, "They never") == "Jordan Vale"


def test_a_name_after_the_pronoun_is_not_the_pronoun() -> None:
    text = (
        'Press officer Dan Hale spoke for the mayor. "She is well," Hale said. '
        'Asked about the mayor\'s plans, he replied that Mayor Ann Cole "has not decided yet."'
    )
    assert _speaker(text, "has not decided") == "Dan Hale"


def test_a_person_named_earlier_in_the_sentence_takes_the_pronoun() -> None:
    text = _EARLIER + 'Residents said Mr Joe Hunt was wrong when he called the plan "a disgrace to the town."'
    assert _speaker(text, "a disgrace") == "Joe Hunt"


def test_the_addressee_of_told_is_never_the_speaker() -> None:
    text = _EARLIER + '"We were never consulted," Mr Baker told reporter Jane Hill, "not even once."'
    assert _speaker(text, "not even once") == "Tom Baker"


def test_a_participle_clause_takes_the_main_clause_subject() -> None:
    text = 'Nina Hart plays her last match in Rome on Friday, saying she was "ready to let go" of the sport.'
    assert _speaker(text, "ready to let go") == "Nina Hart"


def test_relative_clause_speaker() -> None:
    text = _EARLIER + 'The panel heard from Dr Sara Cole, who warned that the "danger grows each winter."'
    assert _speaker(text, "danger grows") == "Sara Cole"


def test_adverb_between_pronoun_and_verb() -> None:
    text = 'Pastor Ben Ford was asked if he liked the job. Smiling, he quickly replied: "I do not mind it at all."'
    assert _speaker(text, "I do not mind") == "Ben Ford"


def test_rank_abbreviations_stay_in_the_name() -> None:
    text = '"We will investigate every case," said Lt. Col. Dana Reyes, a spokeswoman for the base.'
    assert _speaker(text, "We will investigate") == "Dana Reyes"


def test_follow_on_paragraph_inherits_the_last_speaker() -> None:
    text = _EARLIER + '"The budget is tight," Mr Baker said.\n"We will cut where we must."'
    assert _speaker(text, "We will cut") == "Tom Baker"
