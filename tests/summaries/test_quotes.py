"""Quote finding and attribution, on sentences from the shared news data and the seed article."""

from __future__ import annotations

import pytest

from bot.cli import SAMPLE_ARTICLE
from summaries.article import read_article
from summaries.model import Article, Quote
from summaries.quotes import find_quotes

# The seed article (Reuters, November 2024), as the project bundles it: the clean-up makes its nbsp plain.
SEED = SAMPLE_ARTICLE.read_text(encoding="utf-8")


def _article(text: str) -> Article:
    return read_article(text, title="Test")


def _quotes(text: str) -> tuple[Quote, ...]:
    return find_quotes(_article(text)).quotes


def _quote(text: str, starting: str) -> Quote:
    return next(q for q in _quotes(text) if q.text.startswith(starting))


@pytest.fixture(scope="module")
def seed_quotes() -> tuple[Quote, ...]:
    return find_quotes(read_article(SEED)).quotes


def test_said_after_the_quote_gives_speaker_and_role() -> None:
    quote = _quote(SEED, "Removing targeting")
    assert quote.text.endswith("tied behind their back")  # the comma before the closing mark is dropped
    assert quote.speaker == "Alex Plitsas"
    assert quote.role == "senior non-resident fellow at the Atlantic Council"


def test_role_may_run_over_two_commas() -> None:
    quote = _quote(SEED, "The West has decided")
    assert quote.speaker == "Andrei Klishas"
    assert quote.role == "a senior member of the Federation Council, Russia's upper chamber of parliament"


def test_said_before_with_colon() -> None:
    text = (
        "The Gipsy Council called for the matter to be taken up with the police and branded the remarks as racist. "
        "Bill Kerswell, a spokesman for the council, said: 'This is unlawful, it is a racist comment.'"
    )
    quote = _quote(text, "This is unlawful")
    assert (quote.speaker, quote.role) == ("Bill Kerswell", "a spokesman for the council")


def test_he_added_resolves_to_last_named_speaker(seed_quotes: tuple[Quote, ...]) -> None:
    quote = next(q for q in seed_quotes if q.text.startswith("However, like everything else"))
    assert quote.speaker == "Alex Plitsas"
    assert quote.text.endswith("They were all needed much sooner")


def test_surname_alone_maps_to_full_name_given_earlier(seed_quotes: tuple[Quote, ...]) -> None:
    quote = next(q for q in seed_quotes if q.text.startswith("Escalating the wars"))
    assert quote.speaker == "Richard Grenell"
    assert quote.role == "one of Trump's closest foreign policy advisers"


def test_title_before_the_name_is_the_role(seed_quotes: tuple[Quote, ...]) -> None:
    quote = next(q for q in seed_quotes if q.text.startswith("Today, many"))
    assert (quote.speaker, quote.role) == ("Volodymyr Zelenskiy", "Ukrainian President")


def test_partial_quote_woven_into_sentence(seed_quotes: tuple[Quote, ...]) -> None:
    quote = next(q for q in seed_quotes if q.text == "World War Three")
    assert quote.speaker == "Vladimir Dzhabarov"


def test_quote_split_around_attribution_keeps_speaker(seed_quotes: tuple[Quote, ...]) -> None:
    first = next(q for q in seed_quotes if q.text.startswith("Today, many"))
    second = next(q for q in seed_quotes if q.text.startswith("But strikes"))
    assert second.text == "But strikes are not made with words. Such things are not announced."
    assert first.speaker == second.speaker == "Volodymyr Zelenskiy"


def test_each_reopening_mark_starts_a_new_quote_by_the_same_speaker() -> None:
    text = (
        "Bill Kerswell, a spokesman for the council, said: 'This is unlawful, it is a racist comment. "
        "'It is the same as using any offensive word relating to homosexuals or people of colour. "
        "'I would think it is a police matter and I hope they take it up and look into it.' The Gipsy Council called "
        "for the matter to be taken up with the police."
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [
        "This is unlawful, it is a racist comment.",
        "It is the same as using any offensive word relating to homosexuals or people of colour.",
        "I would think it is a police matter and I hope they take it up and look into it.",
    ]
    assert {q.speaker for q in quotes} == {"Bill Kerswell"}


def test_caption_spliced_into_a_quote_is_cut() -> None:
    # Corpus text: the " . " before the caption's end marks the line break the clean-up restores.
    text = (
        "One Wolves fan, who lives in Telford but wished to remain anonymous, was travelling back home from the "
        "derby match. He said: 'Tensions among fans were already high after the match and I don't think that helped "
        "the situation at all. The London Midland service had been pulling into Telford Station, Shropshire, on "
        "Saturday when the comments were made . 'Telford is actually a really nice place to live.'"
    )
    quotes = _quotes(text)
    assert quotes[0].text == (
        "Tensions among fans were already high after the match and I don't think that helped the situation at all."
    )
    assert quotes[1].text == "Telford is actually a really nice place to live."
    assert {q.speaker for q in quotes} == {"One Wolves fan"}


def test_curly_single_quotes() -> None:
    text = (
        "Glen Johnson looks destined to leave Anfield next summer after he revealed there is no prospect of his "
        "future being resolved. \u2018I want to play for a club that wants me,\u2019 said Johnson, who moved to "
        "Merseyside from Portsmouth for \u00a317.5million in 2009. \u2018I\u2019ve seen some stuff that I have been "
        "offered half the money I am on. That\u2019s not true.\u2019"
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [
        "I want to play for a club that wants me",
        "I\u2019ve seen some stuff that I have been offered half the money I am on. That\u2019s not true.",
    ]
    assert {q.speaker for q in quotes} == {"Glen Johnson"}


def test_straight_double_quotes() -> None:
    text = (
        'Campbell says he thrives on the technical challenge of accident investigation. "Anything you can do to '
        "improve safety, improve the safety of the traveling public -- that's rewarding,\" he says."
    )
    quote = _quote(text, "Anything")
    assert quote.text.endswith("that's rewarding")
    assert quote.speaker == "Campbell"


def test_apostrophes_do_not_open_or_close_single_quotes() -> None:
    text = (
        "Dragons' Den star Duncan Bannatyne has shocked Twitter followers by offering a reward to anyone who could "
        "identify a sinister tweeter. The messages threatened to 'bring hurt and pain' to his family. And although "
        "Mr Bannatyne later withdrew his threat, the entrepreneur said 'I'd gladly do my time' to get revenge."
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["bring hurt and pain", "I'd gladly do my time"]
    assert quotes[1].speaker == "Duncan Bannatyne"


def test_unnamed_source_is_the_description_the_article_gives() -> None:
    text = (
        "A spokesman for the train company thanked passengers for drawing it to their attention and added: 'We do "
        "not tolerate any sort of comment of that kind made by anyone on our trains.'"
    )
    assert _quote(text, "We do not").speaker == "A spokesman for the train company"


def test_written_source_after_the_quote() -> None:
    text = (
        'The organization "has been distributing narcotics in New Jersey and elsewhere," the complaint says. '
        "Authorities arrested Mata on Tuesday in Miami Gardens, Florida."
    )
    assert _quote(text, "has been").speaker == "the complaint"


def test_according_to_names_the_source() -> None:
    text = (
        'The family says he was lured away. "Mohamed told me and his brother that ISIS took him," according to '
        "Said Musallam, his father."
    )
    quote = _quote(text, "Mohamed told me")
    assert (quote.speaker, quote.role) == ("Said Musallam", "his father")


def test_description_resolves_to_the_person_it_describes() -> None:
    text = (
        "The creature was spotted by wildlife photographer Steve Trewhella in Portland, Dorset. 'It's not that "
        "unusual to see jellyfish, they aren't particularly common in Dorset but we do see them every once in a "
        "while,' said the photographer."
    )
    assert _quote(text, "It's not that").speaker == "Steve Trewhella"


def test_pronoun_skips_a_speaker_of_the_other_gender() -> None:
    text = (
        "His wife, Cookie, who tested negative along with their son, told the Huffington Post: 'For us, it was "
        "super hard.' Johnson said he was still surprised at the impact the news had. 'In the black community, "
        "unfortunately, we're still in denial that it can happen to us,' he said."
    )
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Cookie", "Johnson"]


def test_scare_quotes_nicknames_and_titles_are_not_quotes() -> None:
    text = (
        'A criminal complaint accuses Mata, also known as "The Milk Man," of using his role as a police officer. '
        "Johnson admitted that he was 'devastated'. The rules link to the iconic scene from the movie \"Top Gun.\" "
        'In the "Intelligence Report" released Tuesday, the SPLC says the number of hate groups fell.'
    )
    assert _quotes(text) == ()


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = (
        "According to Dyson, copying should be dealt with quickly. \"There shouldn't be this endless rigmarole of "
        "'could this have been devised by one skilled in the art?'\" Dyson said."
    )
    quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text.endswith("'could this have been devised by one skilled in the art?'")


def test_every_quote_is_verbatim_from_the_article(seed_quotes: tuple[Quote, ...]) -> None:
    article = read_article(SEED)
    assert seed_quotes
    for quote in seed_quotes:
        assert article.text[quote.start : quote.end] == quote.text


def test_seed_article_finds_every_speaker(seed_quotes: tuple[Quote, ...]) -> None:
    speakers = [q.speaker for q in seed_quotes]
    for name in ("Volodymyr Zelenskiy", "Vladimir Dzhabarov", "Andrei Klishas", "Richard Grenell"):
        assert name in speakers
    assert speakers.count("Alex Plitsas") == 2


def test_key_quotes_are_full_sentences_from_different_named_speakers(seed_quotes: tuple[Quote, ...]) -> None:
    key = [q for q in seed_quotes if q.key]
    assert len(key) == 4
    assert len({q.speaker for q in key}) == 4
    assert {q.speaker for q in key} <= {"Volodymyr Zelenskiy", "Andrei Klishas", "Richard Grenell", "Alex Plitsas"}
    assert [q.start for q in seed_quotes] == sorted(q.start for q in seed_quotes)


def test_key_count_sets_how_many_are_key() -> None:
    article = read_article(SEED)
    assert len(find_quotes(article, key_count=2).key_quotes) == 2
    assert find_quotes(article, key_count=0).key_quotes == ()


def test_fragments_are_never_key_quotes(seed):
    digest = find_quotes(seed, key_count=10)
    fragment = next(q for q in digest.quotes if q.text == "World War Three")
    assert not fragment.key
    assert all(len(q.text.split()) >= 5 for q in digest.key_quotes)
