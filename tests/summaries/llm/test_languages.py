"""Articles that are not English: the model briefs them in their language, checked exactly as English ones (quotes
verbatim whatever the quote marks, speakers named in the article); when the model fails there is no offline
fallback (it reads English only), and the caller is told so."""

from __future__ import annotations

import time

import pytest

from summaries.article import read_article
from summaries.errors import ModelNeeded
from summaries.llm import made_by_model
from summaries.model import ENGLISH, Article
from tests.fakes.openai_server import FakeOpenAI, reply, status
from tests.summaries.llm.test_failures import SLACK

MERCIER = "Nous ne pouvons plus attendre, chaque année perdue se paie en accidents et en pollution"
GIRAUD = "On nous retire nos clients en même temps que nos places de parking"
FRENCH_BRIEF = {
    "headline": "Lyon vote 60 kilomètres de pistes cyclables",
    "sentences": [
        "Le conseil municipal de Lyon a adopté un plan de 60 kilomètres de pistes cyclables.",
        "Les commerçants de la Presqu'île annoncent un recours.",
    ],
    "quotes": [
        {"text": f"« {MERCIER} »", "speaker": "Claire Mercier", "role": "adjointe aux mobilités"},
        {"text": f"\u201c{GIRAUD}\u201d", "speaker": "Paul Giraud", "role": None},
    ],
}
FAILED = (
    r"The model could not brief this article \(the model server failed \(500\)\), and the offline engine briefs "
    r"English text only \(this article looks like French\)\. Try again later\."
)


@pytest.fixture(scope="module")
def french(french_text: str) -> Article:
    return read_article(french_text)


async def test_a_french_article_is_briefed_in_french_with_its_quotes_verified(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply(FRENCH_BRIEF))
    result = await make_engine().run(french, sentences=2)
    assert made_by_model(result.briefing) and result.briefing.sentences == tuple(FRENCH_BRIEF["sentences"])
    mercier, giraud = result.quotes.key_quotes
    assert (mercier.text, mercier.speaker, mercier.role) == (MERCIER, "Claire Mercier", "adjointe aux mobilités")
    assert (giraud.text, giraud.speaker) == (GIRAUD, "Paul Giraud")
    assert all(french.text[q.start : q.end] == q.text for q in (mercier, giraud))
    system = fake_openai.requests[0]["messages"][0]["content"]
    assert 'The article is not in English: write "headline" and "sentences" in French.' in system


async def test_french_quotes_are_checked_as_english_ones_are(french: Article, fake_openai: FakeOpenAI, make_engine):
    paraphrased = {"text": "Nous ne pouvons pas attendre plus longtemps", "speaker": "Claire Mercier", "role": None}
    invented = {"text": "La ville sera enfin apaisée", "speaker": "Claire Mercier", "role": None}
    narrative = {"text": "La métropole a promis de financer un tiers des travaux", "speaker": None, "role": None}
    wrong_speaker = {"text": GIRAUD, "speaker": "Gérard Collomb", "role": None}
    fake_openai.then(reply({**FRENCH_BRIEF, "quotes": [paraphrased, invented, narrative, wrong_speaker]}))
    result = await make_engine().run(french, sentences=2)
    assert [(q.text, q.speaker) for q in result.quotes.key_quotes] == [(GIRAUD, None)]
    assert result.checks.quotes_dropped == 3 and result.checks.speakers_dropped == 1


async def test_a_sentence_quoting_words_not_in_the_french_article_is_dropped(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    sentences = ["Claire Mercier parle d'« une victoire historique pour Lyon ».", *FRENCH_BRIEF["sentences"]]
    fake_openai.then(reply({**FRENCH_BRIEF, "sentences": sentences}))
    result = await make_engine().run(french, sentences=3)
    assert result.briefing.sentences == tuple(FRENCH_BRIEF["sentences"]) and result.checks.sentences_dropped == 1


async def test_german_quote_marks_are_folded_in_the_verbatim_check(fake_openai: FakeOpenAI, make_engine):
    german = read_article(
        "Der Stadtrat von München hat am Montag einen neuen Radwegeplan beschlossen, der bis 2027 umgesetzt werden "
        "soll.\n„Wir können nicht länger warten“, sagte die Bürgermeisterin Anna Huber nach der Abstimmung im "
        "Rathaus.\nDie Händler in der Innenstadt kritisieren den Plan und kündigen eine Klage gegen die Stadt an.",
        title="München beschließt Radwegeplan",
    )
    assert german.language == "German"
    quote = {"text": "\u201cWir können nicht länger warten\u201d", "speaker": "Anna Huber", "role": "Bürgermeisterin"}
    fake_openai.then(
        reply({"headline": "h", "sentences": ["Der Stadtrat hat einen Plan beschlossen."], "quotes": [quote]})
    )
    (kept,) = (await make_engine().run(german, sentences=1)).quotes.key_quotes
    assert (kept.text, kept.speaker, kept.role) == ("Wir können nicht länger warten", "Anna Huber", "Bürgermeisterin")


async def test_the_model_failing_on_a_french_article_says_the_offline_engine_reads_english_only(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(status(500))
    started = time.monotonic()
    with pytest.raises(ModelNeeded, match=FAILED):
        await make_engine(total_timeout=2.0, max_attempts=100).run(french, sentences=2)
    assert time.monotonic() - started < 2.0 + SLACK


async def test_a_reply_that_fails_every_check_on_a_french_article_is_no_briefing(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply({**FRENCH_BRIEF, "sentences": ["Appelez @everyone maintenant."]}))
    with pytest.raises(ModelNeeded, match="no sentence of the reply passed the checks"):
        await make_engine().run(french, sentences=2)


async def test_a_french_article_is_answered_with_its_own_sentence_as_evidence(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    evidence = "évalué à 48 millions d'euros"
    fake_openai.then(reply({"answer": "48 million euros.", "evidence": evidence}))
    answer = await make_engine().answer(french, "How much will it cost?")
    assert answer.text == "48 million euros." and answer.evidence is not None
    assert answer.evidence.startswith("L'opposition municipale a voté contre le texte")
    system = fake_openai.requests[0]["messages"][0]["content"]
    assert 'write "answer" in the language of the question' in system


async def test_an_ungrounded_answer_on_a_french_article_is_not_found(
    french: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply({"answer": "Deux ans.", "evidence": "Les travaux dureront deux ans."}))
    answer = await make_engine().answer(french, "Combien de temps dureront les travaux ?")
    assert not answer.found and answer.evidence is None


async def test_the_model_failing_on_a_french_question_says_so(french: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(status(503, {"Retry-After": "60"}))
    with pytest.raises(ModelNeeded, match=r"could not answer about this article .* offline engine briefs English"):
        await make_engine().answer(french, "Qui conteste le plan ?")


async def test_an_english_article_gets_no_language_line(seed: Article, fake_openai: FakeOpenAI, make_engine):
    assert seed.language == ENGLISH
    fake_openai.then(reply(FRENCH_BRIEF))
    await make_engine().run(seed, sentences=2)
    assert "not in English" not in fake_openai.requests[0]["messages"][0]["content"]
