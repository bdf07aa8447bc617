import pytest

from bot.fingerprints import canonical_url, content_hash


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.com:443/feed/?utm_source=rss&id=3#top", "https://example.com/feed?id=3"),
        ("http://example.com:8080/a?b=2&a=1", "http://example.com:8080/a?a=1&b=2"),
        ("https://[::1]:8443/feed/", "https://[::1]:8443/feed"),
        ("http://localhost:99999/x", "http://localhost:99999/x"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_content_hash_ignores_spacing_case_and_markup_punctuation():
    a = 'Zelenskiy said the missiles would "speak for themselves."'
    b = "zelenskiy  said the missiles would\nspeak for themselves"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a.replace("missiles", "rockets"))
