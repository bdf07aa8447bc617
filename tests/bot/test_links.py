from urllib.parse import unquote

from bot.links import text_fragment_url


def test_short_quote_is_given_whole_and_old_fragment_replaced():
    url = text_fragment_url("https://www.reuters.com/world/x#top", "speak for themselves.")
    assert url == "https://www.reuters.com/world/x#:~:text=speak%20for%20themselves."


def test_long_quote_is_matched_by_its_first_and_last_words():
    quote = (
        "Removing targeting restrictions will allow the Ukrainians to stop fighting "
        "with one hand tied behind their back"
    )
    url = text_fragment_url("https://example.com/a", quote)
    start, end = url.split("#:~:text=")[1].split(",")
    assert unquote(start) == "Removing targeting restrictions will"
    assert unquote(end) == "tied behind their back"


def test_dash_comma_and_ampersand_are_escaped_inside_the_directive():
    url = text_fragment_url("https://example.com/a", "US-made weapons, & more")
    directive = url.split("#:~:text=")[1]
    assert "-" not in directive and "," not in directive and "&" not in directive
    assert unquote(directive) == "US-made weapons, & more"
