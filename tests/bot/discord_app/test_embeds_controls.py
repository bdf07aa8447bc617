"""Discord's renderer drops control characters and bidi overrides from everything it sends."""

from bot.channels import ChannelRef
from bot.discord_app.embeds import render
from bot.replies import BriefingReply, DigestReply, DigestStory, Notice, QuoteLine

HOSTILE = "\x1b[2J\x07\x08\x9b\u202e"


def _texts(messages):
    for message in messages:
        yield message.content or ""
        for embed in message.embeds:
            yield str(embed.to_dict())


def test_embeds_and_text_carry_no_control_characters():
    quote = QuoteLine(f"We will{HOSTILE} win", f"Jane{HOSTILE} Doe", None, True, None)
    replies = [
        BriefingReply("a.txt", f"Title{HOSTILE}", None, (f"One{HOSTILE}.",), (quote,), "offline"),
        DigestReply(ChannelRef("discord", "1"), (DigestStory(f"Story{HOSTILE}", None, (f"Two{HOSTILE}.",), quote),)),
        Notice(f"Followed{HOSTILE}"),
    ]
    for reply in replies:
        for text in _texts(render(reply)):
            assert not any(ch in text for ch in "\x1b\x07\x08\x9b\u202e"), repr(text)
