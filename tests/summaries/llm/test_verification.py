"""What the model says reaches the reader only when the article bears it out: quotes, speakers, answers."""

from __future__ import annotations

import json

from summaries.engine import OfflineEngine
from summaries.llm import made_by_model
from summaries.model import Article
from tests.fakes.openai_server import FakeOpenAI, reply

KLISHAS = (
    "The West has decided on such a level of escalation that it could end with the Ukrainian statehood in complete "
    "ruins by morning"
)
GRENELL = "Escalating the wars before he leaves office"
SENTENCES = [
    "The US has let Ukraine strike deep inside Russia with American weapons.",
    "Russian lawmakers warned of escalation.",
]


def brief(quotes: list[dict], sentences: list[str] = SENTENCES, headline: str = "Biden lets Ukraine strike") -> dict:
    return {"headline": headline, "sentences": sentences, "quotes": quotes}


def key_texts(digest) -> list[str]:
    return [q.text for q in digest.key_quotes]


async def test_a_good_reply_is_the_briefing_and_says_which_model_made_it(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply(brief([{"text": KLISHAS, "speaker": "Andrei Klishas", "role": None}])))
    result = await make_engine().run(seed, sentences=2)
    assert result.briefing.sentences == tuple(SENTENCES)
    assert result.briefing.headline == "Biden lets Ukraine strike"
    assert result.briefing.engine == "llm:fake-model" and made_by_model(result.briefing)
    sent = fake_openai.requests[0]
    assert sent["model"] == "fake-model"
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["headline", "sentences", "quotes"]


async def test_a_verbatim_quote_keeps_the_articles_text_and_offsets(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    curly = "\u201c" + KLISHAS.replace("  ", " ") + ",\u201d"  # the model's own quote marks and a trailing comma
    fake_openai.then(reply(brief([{"text": curly, "speaker": "Andrei Klishas", "role": None}])))
    result = await make_engine(key_quotes=1).run(seed, sentences=2)
    (quote,) = result.quotes.key_quotes
    assert quote.text == KLISHAS and seed.text[quote.start : quote.end] == KLISHAS
    assert quote.speaker == "Andrei Klishas"
    assert result.checks.quotes_dropped == 0


async def test_invented_and_paraphrased_quotes_are_dropped_and_counted(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    invented = {"text": "We will respond with every means we have", "speaker": "Andrei Klishas", "role": None}
    paraphrased = {
        "text": "The West chose a level of escalation that could ruin Ukraine by morning",
        "speaker": None,
        "role": None,
    }
    fake_openai.then(
        reply(brief([invented, paraphrased, {"text": GRENELL, "speaker": "Richard Grenell", "role": None}]))
    )
    result = await make_engine().run(seed, sentences=2)
    assert result.checks.quotes_dropped == 2 and result.checks.quotes_offered == 3
    texts = [q.text for q in result.quotes.quotes]
    assert invented["text"] not in texts and paraphrased["text"] not in texts
    assert all(seed.text[q.start : q.end] == q.text for q in result.quotes.quotes)
    assert GRENELL in key_texts(result.quotes)


async def test_narrative_passed_off_as_a_quote_is_dropped(seed: Article, fake_openai: FakeOpenAI, make_engine):
    narrative = "The White House and US State Department declined to comment."  # verbatim, but nobody says it
    fake_openai.then(reply(brief([{"text": narrative, "speaker": "The White House", "role": None}])))
    result = await make_engine().run(seed, sentences=2)
    assert result.checks.quotes_dropped == 1
    assert narrative not in [q.text for q in result.quotes.quotes]


async def test_a_speaker_the_article_does_not_name_is_dropped(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply(brief([{"text": KLISHAS, "speaker": "Vladimir Putin", "role": "President of Russia"}])))
    result = await make_engine().run(seed, sentences=2)
    assert result.checks.speakers_dropped == 1
    quote = next(q for q in result.quotes.quotes if q.text == KLISHAS)
    assert quote.speaker == "Andrei Klishas"  # the offline attribution stands
    assert "Putin" not in json.dumps([q.speaker for q in result.quotes.quotes])


async def test_a_short_mention_of_a_speaker_becomes_the_full_name(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply(brief([{"text": GRENELL, "speaker": "Grenell", "role": None}])))
    result = await make_engine().run(seed, sentences=2)
    assert next(q for q in result.quotes.key_quotes if q.text == GRENELL).speaker == "Richard Grenell"
    assert result.checks.speakers_dropped == 0


async def test_quotes_the_model_missed_are_filled_from_the_offline_digest(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply(brief([{"text": GRENELL, "speaker": "Richard Grenell", "role": None}])))
    result = await make_engine(key_quotes=4).run(seed, sentences=2)
    offline = OfflineEngine(key_quotes=4).quotes(seed)
    assert len(result.quotes.key_quotes) == 4 and result.checks.quotes_filled == 3
    assert set(key_texts(result.quotes)) - {GRENELL} <= set(key_texts(offline))
    assert len(result.quotes.quotes) == len(offline.quotes)  # every quotation still listed, once


async def test_a_briefing_sentence_quoting_words_not_in_the_article_is_dropped(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    made_up = 'Zelenskiy promised "a strike every night until Moscow listens".'
    fake_openai.then(
        reply(brief([], sentences=[made_up, SENTENCES[0], 'Zelenskiy said the missiles would "speak for themselves."']))
    )
    result = await make_engine().run(seed, sentences=3)
    assert made_up not in result.briefing.sentences
    assert result.briefing.sentences == (SENTENCES[0], 'Zelenskiy said the missiles would "speak for themselves."')
    assert result.checks.sentences_dropped == 1


async def test_a_reply_with_no_usable_sentence_is_the_offline_briefing_marked_so(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(reply(brief([], sentences=['He said "we are done with the war".'])))
    result = await make_engine().run(seed, sentences=3)
    assert result.briefing.sentences == OfflineEngine().brief(seed, sentences=3).sentences
    assert not made_by_model(result.briefing) and "no sentence of the reply passed" in result.briefing.engine


async def test_brief_then_quotes_is_one_model_call(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply(brief([{"text": GRENELL, "speaker": "Richard Grenell", "role": None}])))
    engine = make_engine()
    await engine.brief(seed, sentences=4)
    digest = await engine.quotes(seed)
    assert GRENELL in key_texts(digest)
    assert len(fake_openai.requests) == 1


async def test_an_answer_grounded_in_an_article_sentence_is_kept(seed: Article, fake_openai: FakeOpenAI, make_engine):
    evidence = "The White House and US State Department declined to comment."
    fake_openai.then(reply({"answer": "They declined to comment.", "evidence": evidence.replace(" ", "  ")}))
    answer = await make_engine().answer(seed, "What did the White House say?")
    assert answer.text == "They declined to comment."
    assert answer.evidence == evidence
    assert fake_openai.requests[0]["response_format"]["json_schema"]["schema"]["required"] == ["answer", "evidence"]


async def test_an_answer_whose_evidence_is_not_in_the_article_is_the_offline_answer(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    question = "What range do ATACMS rockets have?"
    fake_openai.then(
        reply({"answer": "About 500 km.", "evidence": "ATACMS rockets can fly about 500 km, officials said."})
    )
    answer = await make_engine().answer(seed, question)
    assert answer == OfflineEngine().answer(seed, question)
    assert answer.text != "About 500 km."


async def test_a_server_without_json_schema_gets_json_mode_and_is_remembered(
    fake_openai: FakeOpenAI, make_engine, seed: Article
):
    fake_openai.schema_support = False
    fake_openai.then(reply(brief([{"text": GRENELL, "speaker": "Richard Grenell", "role": None}])))
    engine = make_engine()
    result = await engine.run(seed, sentences=2)
    assert made_by_model(result.briefing)
    assert [r.get("response_format", {}).get("type") for r in fake_openai.requests] == ["json_schema", "json_object"]
    await engine.answer(seed, "Who criticized the decision?")
    assert fake_openai.requests[-1]["response_format"]["type"] == "json_object"


async def test_plain_json_in_a_markdown_fence_is_read(seed: Article, fake_openai: FakeOpenAI, make_engine):
    content = "```json\n" + json.dumps(brief([{"text": GRENELL, "speaker": "Richard Grenell", "role": None}])) + "\n```"
    fake_openai.then(reply(content))
    result = await make_engine().run(seed, sentences=2)
    assert made_by_model(result.briefing) and GRENELL in key_texts(result.quotes)
