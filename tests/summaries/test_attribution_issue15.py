"""Attribution mechanisms of issue 15, on written examples (none is corpus text)."""

from __future__ import annotations

from summaries.article import read_article
from summaries.quotes import find_quotes

_OPENING = "The harbour board met on Tuesday night to discuss the new ferry timetable.\n"
_EARLIER = 'Councillor Tom Baker opened the meeting. "We have a lot to get through," he said.\n'


def _speaker(text: str, starting: str) -> str | None:
    quotes = find_quotes(read_article(_OPENING + text, title="Test")).quotes
    return next(q for q in quotes if q.text.startswith(starting)).speaker


def test_it_said_is_the_body_the_sentence_is_about() -> None:
    text = _EARLIER + 'At the request of the mayor, the port authority is providing "extra berths and tugs," it said.'
    assert _speaker(text, "extra berths") == "the port authority"


def test_chained_report_goes_to_the_last_speaker_named() -> None:
    text = _EARLIER + 'Ms Lind said her brother said, "The ferry will never run on time."'
    assert _speaker(text, "The ferry") == "her brother"


def test_any_verb_closing_a_quote_names_its_speaker() -> None:
    text = _EARLIER + '"If the ferry sails at dawn, I will be on it," Baker later quipped at the dinner.'
    assert _speaker(text, "If the ferry") == "Tom Baker"


def test_a_colon_lead_names_its_speaker_without_a_speech_verb() -> None:
    text = _EARLIER + 'In his diary, the ship\'s surgeon Edwin Marsh recorded that: "The crossing was calm."'
    assert _speaker(text, "The crossing") == "Edwin Marsh"


def test_an_age_epithet_is_the_person_just_named() -> None:
    text = (
        _EARLIER
        + 'Ana Duarte, a ferry skipper, has sailed the route for years.\n"I know every rock," the 52-year-old said.'
    )
    assert _speaker(text, "I know every") == "Ana Duarte"


def test_a_possessive_relation_is_the_person_introduced_so() -> None:
    text = (
        _EARLIER
        + "The girl went missing on Sunday. Her father, Paul Grant, appealed for help.\n"
        + '"It is like a bad dream," her father told the radio station.'
    )
    assert _speaker(text, "It is like") == "Paul Grant"


def test_according_to_a_document_relays_a_sentence_with_a_speaker() -> None:
    text = (
        _EARLIER
        + 'A former deckhand, Joe Pike, alerted police, telling them the crew had "no training at all," according to '
        + "a court filing."
    )
    assert _speaker(text, "no training") == "Joe Pike"


def test_verbs_joined_by_and_share_their_pronoun_subject() -> None:
    text = (
        _EARLIER
        + "Ana Duarte, a ferry skipper, took the helm again. Her brother, Rui, stayed ashore.\n"
        + 'The crowd cheered as she left the quay, a welcome she called "moving" and said she "never expected."'
    )
    assert _speaker(text, "never expected") == "Ana Duarte"


def test_a_clause_after_a_reported_said_is_no_speaker() -> None:
    text = (
        _EARLIER
        + "Mr Coe, pictured with Alya and her father Sam Ali, said he was still a bit 'shaken' and added: "
        + "'I did what anyone would do.'"
    )
    assert _speaker(text, "I did what") == "Coe"


def test_reported_speech_closed_by_its_speaker_takes_the_next_pronoun() -> None:
    text = (
        _EARLIER
        + "Venus Duarte withdrew before the final. What happened next was awful, said Bart Lowe.\n"
        + '"I thought it was horrible," he told reporters.'
    )
    assert _speaker(text, "I thought") == "Bart Lowe"


def test_the_organisation_is_the_body_named_before() -> None:
    text = (
        _EARLIER
        + 'The Royal College of Midwives met ministers. The organisation called the cuts "a betrayal of us all."'
    )
    assert _speaker(text, "a betrayal") == "The Royal College of Midwives"


def test_a_name_after_a_role_phrase_is_the_speaker() -> None:
    text = (
        _EARLIER + 'Counsel for the family, Priya Nair, told the court the guards had used "grossly excessive force".'
    )
    assert _speaker(text, "grossly") == "Priya Nair"


def test_a_titled_person_in_a_possessive_takes_the_next_pronoun() -> None:
    text = (
        _EARLIER + 'Mayor Dana Ruiz\'s view of the tram plan has shifted. "The costs changed, so I changed," she said.'
    )
    assert _speaker(text, "The costs") == "Dana Ruiz"


def test_a_person_of_known_gender_beats_a_later_name_of_unknown_gender() -> None:
    text = (
        _EARLIER
        + "Ms Adeyemi, 91, still sings in the choir. The previous oldest member, Walter Greene, died in 2015.\n"
        + '"Singing keeps me young," she says.'
    )
    assert _speaker(text, "Singing") == "Adeyemi"


def test_an_e_final_speech_verb_in_ing_form_introduces_a_quote() -> None:
    text = _EARLIER + 'The Press Union issued a statement voicing its "deep alarm at the raids" on newsrooms.'
    assert _speaker(text, "deep alarm") == "The Press Union"


def test_interview_turns_go_to_the_interviewer_and_the_interviewee() -> None:
    text = (
        "Ines Varga, a novelist, spoke to us about her new book. "
        + '"It took nine years," she said.\nQ: "Why did the book take so long to finish?"\n'
        + 'A: "I rewrote it three times."'
    )
    assert _speaker(text, "Why did") == "the interviewer"
    assert _speaker(text, "I rewrote") == "Ines Varga"
