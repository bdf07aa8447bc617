"""Who said a quote, on written examples of the patterns that trip a rule-based attributor (HARD-CASES.md)."""

from __future__ import annotations

import pytest

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


def test_subject_of_a_non_speech_verb_takes_a_bare_quote() -> None:
    text = _EARLIER + 'Mrs Okoro hopes to open a second bakery next year. "Bread brings a street back to life."'
    assert _speaker(text, "Bread") == "Okoro"


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


def test_the_relaying_outlet_is_never_the_speaker() -> None:
    text = 'Bishop Alan Alder wrote to parishioners. "I leave with a full heart," according to the Evening Courier.'
    assert _speaker(text, "I leave") == "Alan Alder"


def test_the_title_links_to_the_person_first_given_it() -> None:
    text = (
        "Health Secretary Anna Brook opened the ward on Monday. Later the Health Secretary admitted that lists were "
        'too long. "We have a mountain to climb," the Health Secretary told local radio.'
    )
    assert _speaker(text, "We have a mountain") == "Anna Brook"


def test_an_unlisted_title_links_to_the_person_first_given_it() -> None:
    text = 'Harbourmaster Ian Moss was on duty that night. "The quay was gritted," the harbourmaster told reporters.'
    assert "Ian Moss" in (_speaker(text, "The quay") or "")


def test_a_participle_clause_takes_the_main_clause_subject() -> None:
    text = 'Nina Hart plays her last match in Rome on Friday, saying she was "ready to let go" of the sport.'
    assert _speaker(text, "ready to let go") == "Nina Hart"


def test_an_organisation_speaks_through_a_participle() -> None:
    text = _EARLIER + 'The regulator suspended the permit, saying its records were "wholly inadequate" and "unsafe."'
    assert _speaker(text, "wholly inadequate") == "The regulator"


def test_relative_clause_speaker() -> None:
    text = _EARLIER + 'The panel heard from Dr Sara Cole, who warned that the "danger grows each winter."'
    assert _speaker(text, "danger grows") == "Sara Cole"


def test_adverb_between_pronoun_and_verb() -> None:
    text = 'Pastor Ben Ford was asked if he liked the job. Smiling, he quickly replied: "I do not mind it at all."'
    assert _speaker(text, "I do not mind") == "Ben Ford"


def test_trailing_said_after_a_partial_quote() -> None:
    text = _EARLIER + 'There was still "real anger" among residents, he said.'
    assert _speaker(text, "real anger") == "Tom Baker"


def test_rank_abbreviations_stay_in_the_name() -> None:
    text = '"We will investigate every case," said Lt. Col. Dana Reyes, a spokeswoman for the base.'
    assert _speaker(text, "We will investigate") == "Dana Reyes"


def test_long_title_with_of_before_the_name() -> None:
    text = 'Harbour Board Chief Officer of Port Safety Alan Brice spoke on Monday. "No ship was at risk," he said.'
    assert _speaker(text, "No ship") == "Alan Brice"


def test_a_caption_is_a_break_before_the_attribution() -> None:
    text = (
        "Two seals were seen on the slipway (file picture of a grey seal) Dr Ruth Okafor, of the Seal Trust, said: "
        "'They are simply resting after feeding.\n'They will move on with the tide.'"
    )
    assert _speaker(text, "They are simply") == "Ruth Okafor"
    assert _speaker(text, "They will move") == "Ruth Okafor"


def test_follow_on_paragraph_inherits_the_last_speaker() -> None:
    text = _EARLIER + '"The budget is tight," Mr Baker said.\n"We will cut where we must."'
    assert _speaker(text, "We will cut") == "Tom Baker"


def test_follow_on_paragraph_does_not_inherit_past_a_new_person() -> None:
    text = _EARLIER + 'Treasurer Lucy Grant was less hopeful about the figures.\n"We are short of money."'
    assert _speaker(text, "We are short") == "Lucy Grant"


@pytest.mark.parametrize("verb", ["said", "added", "explained"])
def test_chained_adding_keeps_the_speaker(verb: str) -> None:
    text = _EARLIER + f'The reserves would be rebuilt, Mr Baker {verb}, adding: "We are not finished yet."'
    assert _speaker(text, "We are not finished") == "Tom Baker"


def test_an_appositive_after_a_name_is_not_the_speaker() -> None:
    text = _EARLIER + '"The vote is final," Joe Hunt, a spokesman for the mayor, said.'
    assert _speaker(text, "The vote") == "Joe Hunt"


def test_according_to_a_document_keeps_the_document() -> None:
    text = _EARLIER + 'Her duties include "advising and warning" ministers, according to the palace website.'
    assert _speaker(text, "advising") == "the palace website"


def test_a_person_in_a_caption_does_not_take_the_next_quote() -> None:
    text = _EARLIER + (
        "Mr Baker reflected: 'There was a feeling of relief all round the room.\n"
        "Deputy mayor Jim Law looks on from the gallery during the debate\n"
        "'We have to take small steps now and then bigger ones later.'"
    )
    assert _speaker(text, "We have to take") == "Tom Baker"


def test_a_pronoun_after_a_quote_of_several_sentences_looks_before_the_quote() -> None:
    text = _EARLIER + (
        'Polls put Mr Sam Ives\'s party in the lead. "I do not give orders. I listen. I work with people," he says.'
    )
    assert _speaker(text, "I do not give") == "Sam Ives"
