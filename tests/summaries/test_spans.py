import pytest

from summaries.questions import read_question
from summaries.spans import describe, extract_span, names


def test_names_skip_sentence_openers_dates_and_prefixes():
    found = [m.group() for m in names("On Friday, an anti-Morsy politician met the Leesburg Bikefest chief. He left.")]
    assert found == ["the Leesburg Bikefest"]


def test_span_nearest_the_question_words_is_the_answer():
    evidence = (
        "Boasting more than 55 million monthly visitors, Twitch was purchased by Amazon in August "
        "for a reported $970 million."
    )
    assert extract_span(read_question("How much did Amazon pay for Twitch?"), evidence) == "$970 million"
    assert (
        extract_span(read_question("How many monthly visitors does Twitch have?"), evidence) == "more than 55 million"
    )


def test_no_span_of_the_asked_type_gives_the_whole_sentence():
    evidence = "The messages threatened to 'bring hurt and pain' to his family unless he handed over £35,000."
    assert extract_span(read_question("When did the messages arrive?"), evidence) == evidence


def test_a_bare_year_is_no_amount():
    evidence = "Russia is advancing at its fastest rate since 2022 despite taking heavy losses."
    assert extract_span(read_question("How many troops has Russia lost?"), evidence) == evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plan was praised by the mayor on Monday.", []),  # a date, full stop or not
        ("The minister said: 'Aldo is the store we chose,' an aide told reporters.", ["Aldo"]),  # after a quote mark
        ("It\u2019s Bob who won the race, officials said.", ["Bob"]),  # curly apostrophe in "It's"
        ("Ukrainian President Volodymyr Zelenskiy and President-elect Donald Trump", None),
    ],
)
def test_names_found_in_real_shapes(text, expected):
    found = [m.group().rstrip(".") for m in names(text)]
    if expected is None:  # "and" joins two names, it does not make one
        assert found == ["Ukrainian President Volodymyr Zelenskiy", "President-elect Donald Trump"]
    else:
        assert found == expected


def test_name_after_the_noun_asked_for_is_the_answer():
    evidence = "The shop in London was bought by the retailer Tesco last year."
    assert extract_span(read_question("Which retailer bought the shop?"), evidence) == "Tesco"


def test_describe_finds_the_subject_whatever_lower_case_does_to_the_text():
    evidence = "In \u0130zmir, the city's longtime mayor, Ali Veli, said the port would reopen."
    assert describe("Ali Veli", evidence) == "the city's longtime mayor"
