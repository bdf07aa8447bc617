from summaries.spans import extract_span, names


def test_names_skip_sentence_openers_dates_and_prefixes():
    found = [m.group() for m in names("On Friday, an anti-Morsy politician met the Leesburg Bikefest chief. He left.")]
    assert found == ["the Leesburg Bikefest"]


def test_span_nearest_the_question_words_is_the_answer():
    evidence = (
        "Boasting more than 55 million monthly visitors, Twitch was purchased by Amazon in August "
        "for a reported $970 million."
    )
    assert extract_span("How much did Amazon pay for Twitch?", evidence) == "$970 million"
    assert extract_span("How many monthly visitors does Twitch have?", evidence) == "more than 55 million"


def test_no_span_of_the_asked_type_gives_the_whole_sentence():
    evidence = "The messages threatened to 'bring hurt and pain' to his family unless he handed over £35,000."
    assert extract_span("When did the messages arrive?", evidence) == evidence


def test_a_bare_year_is_no_amount():
    evidence = "Russia is advancing at its fastest rate since 2022 despite taking heavy losses."
    assert extract_span("How many troops has Russia lost?", evidence) == evidence
