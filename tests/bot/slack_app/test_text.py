"""Reading Slack's text: tokens out first, then entities; mentions of the bot dropped, links as their URL."""

from __future__ import annotations

from bot.slack_app.text import mentions, plain_text


def test_the_bots_mention_is_dropped_in_either_form():
    assert plain_text("<@UBOT> ask Who said it?", bot_user_id="UBOT") == "ask Who said it?"
    assert plain_text("<@UBOT|briefbot>   help", bot_user_id="UBOT") == "help"


def test_other_mentions_channels_and_specials_read_as_names():
    text = "<@W0ABC|ana> and <@U0DEF> in <#C1|news> for <!here> and <!subteam^S1|@desk>"
    assert plain_text(text) == "@ana and @U0DEF in #news for @here and @desk"


def test_links_become_their_url_and_entities_are_unescaped_after_the_tokens():
    assert plain_text("<https://example.com/a?b=1&amp;c=2|the story>") == "https://example.com/a?b=1&c=2"
    assert plain_text("Tom &amp; Jerry said &lt;@U123&gt; &amp;lt;") == "Tom & Jerry said <@U123> &lt;"


def test_empty_or_missing_text_is_empty():
    assert plain_text(None) == plain_text("") == ""
    assert plain_text("<@UBOT>", bot_user_id="UBOT") == ""


def test_mentions_finds_the_user_in_either_form_only():
    assert mentions("hi <@UBOT>", "UBOT") and mentions("<@UBOT|bot> hi", "UBOT")
    assert not mentions("hi <@UBOTX>", "UBOT") and not mentions(None, "UBOT")
