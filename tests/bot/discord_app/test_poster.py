"""The poster the scheduler uses: any reply to a channel id, a long digest split over messages within the limits."""

from __future__ import annotations

from bot.channels import ChannelRef
from bot.discord_app.embeds import EMBEDS_PER_MESSAGE, EMBEDS_TOTAL_MAX
from bot.replies import DigestReply, DigestStory, QuoteLine
from tests.fakes.discord_api import CHANNEL_ID, GUILD_ID

CHANNEL = ChannelRef("discord", CHANNEL_ID, GUILD_ID)


def embed_length(embed: dict) -> int:
    fields = sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + fields
        + len(embed.get("footer", {}).get("text", ""))
    )


async def test_a_long_digest_is_posted_over_several_messages_within_discords_limits(bot):
    quote = QuoteLine("We will rebuild @everyone. " * 60, "Ada Lovelace", "mayor", True, None)
    stories = tuple(
        DigestStory(f"Story {n}: " + "headline " * 40, f"https://news.example.com/{n}", ("A sentence. " * 200,), quote)
        for n in range(30)
    )
    more = tuple(DigestStory(f"More {n}", f"https://news.example.com/more/{n}", ()) for n in range(200))
    digest = DigestReply(CHANNEL, stories, more, date="25 November")
    first_id = await bot.runtime.poster("discord")(CHANNEL, digest)
    await bot.fake.wait_until(lambda: len(bot.fake.find("POST", f"/channels/{CHANNEL_ID}/messages")) >= 2)
    posted = bot.fake.find("POST", f"/channels/{CHANNEL_ID}/messages")
    assert first_id == bot.fake.sent[0]["id"]
    assert posted[0].body["content"] == "Your digest for 25 November: 230 new stories"
    embeds = [e for call in posted for e in call.body.get("embeds", [])]
    assert sum(1 for e in embeds if e["title"].startswith("Story ")) == 30
    assert "More 199" in "".join(e["description"] for e in embeds if e["title"] == "Also new")
    for call in posted:
        assert call.body["allowed_mentions"] == {"parse": []}
        assert len(call.body.get("content") or "") <= 2000
        assert len(call.body.get("embeds", [])) <= EMBEDS_PER_MESSAGE
        assert sum(embed_length(e) for e in call.body.get("embeds", [])) <= EMBEDS_TOTAL_MAX
        for e in call.body.get("embeds", []):
            assert len(e["title"]) <= 256 and len(e.get("description", "")) <= 4096
            assert all(len(f["value"]) <= 1024 for f in e.get("fields", []))
