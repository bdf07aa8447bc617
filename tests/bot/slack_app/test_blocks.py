"""Block Kit within Slack's limits however long the article, and article text that pings no one."""

from __future__ import annotations

from bot.channels import ChannelRef
from bot.replies import BriefingReply, DigestReply, DigestStory, ErrorReply, QuoteLine
from bot.slack_app.blocks import (
    SLACK_BLOCKS_MAX,
    SLACK_HEADER_MAX,
    SLACK_SECTION_MAX,
    all_quotes,
    briefing,
    clip,
    digest,
    escape,
    render,
)

CHANNEL = ChannelRef("slack", "C1", "T1")


def quote(text: str, key: bool = False) -> QuoteLine:
    return QuoteLine(text, "Bill de Blasio", "Mayor", key, "https://example.com/a#:~:text=x")


def reply(**overrides) -> BriefingReply:
    values = {
        "source": "https://example.com/a",
        "title": "A headline",
        "url": "https://example.com/a",
        "sentences": ("One thing happened.", "It matters."),
        "quotes": (quote("We will act.", key=True), quote("Later.")),
        "engine": "offline",
    }
    return BriefingReply(**{**values, **overrides})


def texts(blocks) -> list[str]:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", []) if e.get("type") == "mrkdwn"]
    return out


def test_pings_and_mentions_in_article_text_are_shown_not_acted_on():
    message = briefing(reply(title="<!channel> alert", sentences=("Ask <!here> & <@U123> now.",)), "m1")
    joined = "\n".join([message.text, *texts(message.blocks)])
    assert "&lt;!here&gt; &amp; &lt;@U123&gt;" in joined and "&lt;!channel&gt; alert" in joined
    assert "<!" not in joined.replace("<https://", "") and "<@" not in joined


def test_a_huge_briefing_is_trimmed_to_the_limits_not_refused():
    long = "word " * 2000
    message = briefing(
        reply(
            title="T" * 400,
            sentences=tuple(long + str(i) for i in range(60)),
            quotes=tuple(quote(long, i < 30) for i in range(60)),
        ),
        "m1",
    )
    assert len(message.blocks) <= SLACK_BLOCKS_MAX
    assert all(len(t) <= SLACK_SECTION_MAX for t in texts(message.blocks))
    assert message.blocks[-1]["type"] == "actions"  # the button survives the trimming
    assert message.text and len(message.text) <= SLACK_SECTION_MAX


def test_the_header_is_at_most_150_characters():
    message = briefing(reply(url=None, title="H" * 500), None)
    assert message.blocks[0]["type"] == "header" and len(message.blocks[0]["text"]["text"]) == SLACK_HEADER_MAX


def test_the_button_shows_only_when_quotes_are_hidden_and_carries_the_message_id():
    assert briefing(reply(), "r42").blocks[-1]["elements"][0]["value"] == "r42"
    assert all(b["type"] != "actions" for b in briefing(reply(quotes=(quote("Only.", True),)), "r42").blocks)
    assert all(b["type"] != "actions" for b in briefing(reply(), None).blocks)


def test_all_quotes_lists_every_quote_ephemerally():
    message = all_quotes(reply(quotes=tuple(quote(f"Quote number {i}.") for i in range(120))))
    joined = "\n".join(texts(message.blocks))
    assert message.ephemeral and len(message.blocks) <= SLACK_BLOCKS_MAX
    assert "Quote number 0." in joined and "Quote number 60." in joined


def test_a_long_digest_is_split_into_a_header_and_parts_for_its_thread():
    stories = tuple(DigestStory(f"Story {i}", f"https://e.com/{i}", ("A sentence.",)) for i in range(120))
    messages = digest(DigestReply(CHANNEL, stories, date="2026-11-26"))
    assert messages[0].blocks[0]["type"] == "header" and len(messages[0].blocks) == 1
    assert all(len(m.blocks) <= SLACK_BLOCKS_MAX and m.text for m in messages)
    assert sum(len(m.blocks) for m in messages[1:]) == 120
    assert len(digest(DigestReply(CHANNEL, stories[:5]))) == 1


def test_errors_are_ephemeral_with_the_usage_escaped():
    [message] = render(ErrorReply("I don't understand that.", usage=True))
    assert message.ephemeral and "/briefing &lt;url&gt;" in texts(message.blocks)[-1]


def test_clip_never_cuts_inside_a_link_or_an_entity():
    assert clip("ab <https://x.com|x> cd", 10) == "ab…"
    assert clip(escape("a & b"), 5) == "a…"
