from summaries.sentences import split_sentences


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "A criminal complaint unsealed in U.S. District Court in New Jersey accuses Mr. Mata. He denies it."
    assert [s.text for s in split_sentences(text)] == [
        "A criminal complaint unsealed in U.S. District Court in New Jersey accuses Mr. Mata.",
        "He denies it.",
    ]


def test_quote_closing_after_the_full_stop_stays_with_its_sentence():
    text = 'Zelenskiy said the missiles would "speak for themselves." The White House declined to comment.'
    sentences = split_sentences(text)
    assert sentences[0].text.endswith('themselves."')
    assert sentences[1].text == "The White House declined to comment."


def test_offsets_point_back_into_the_text():
    text = "First line here.\nSecond paragraph starts. And goes on."
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 1]


def test_captions_are_marked():
    text = (
        "Mr Cameron got the shoes from high street store Aldo.\nRetread: David Cameron with Samantha yesterday.\n"
        "She died later from her injuries"
    )
    assert [s.caption for s in split_sentences(text)] == [False, True, True]
