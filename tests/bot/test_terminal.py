"""The terminal renderer prints no control character or bidi override, whatever a stored article or question holds."""

import pytest

from bot.channels import CONSOLE
from bot.replies import AnswerReply, BriefingReply, DigestReply, DigestStory, QuoteLine
from bot.terminal import FORMATS, render

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x08\x9b\u202e"
QUOTE = QuoteLine(f"We will{HOSTILE} win", f"Jane{HOSTILE} Doe", None, True, None)
REPLIES = [
    BriefingReply("a.txt", f"Title{HOSTILE}", None, (f"One{HOSTILE}.",), (QUOTE,), "offline"),
    AnswerReply(f"Who{HOSTILE}?", f"Jane{HOSTILE}", f"Jane said{HOSTILE} so."),
    DigestReply(CONSOLE, (DigestStory(f"Story{HOSTILE}", "https://example.com/", (f"Two{HOSTILE}.",), QUOTE),)),
]


@pytest.mark.parametrize("reply", REPLIES, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize("fmt", FORMATS)
def test_rendered_text_has_no_control_characters(reply, fmt):
    out = render(reply, fmt)
    assert not any(ch in out for ch in "\x1b\x07\x08\x9b\u202e"), repr(out)
