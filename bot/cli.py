"""The `briefbot` command line: the same core the chat adapters use, for files, URLs, stdin and feeds.

Exit codes: 0 all inputs briefed, 1 at least one input refused (reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot import __version__
from bot.channels import CONSOLE, ChannelRef
from bot.replies import DigestReply
from bot.services import FromFile, FromUrl, Runtime, Source, ask, brief, deliver, follow, list_feeds, preview, unfollow
from bot.services.runtime import choose_engine
from bot.settings import load_settings
from bot.terminal import FORMATS, render
from bot.urls import looks_like_url
from summaries.engine import MAX_SENTENCES, MIN_SENTENCES
from summaries.errors import BriefbotError
from summaries.questions import read_question

SAMPLE_ARTICLE = Path(__file__).parent / "samples" / "article.txt"
ENGINES = ("offline", "llm")
NO_FEEDS = "No feeds yet: add one with `briefbot feeds add URL`."
log = logging.getLogger(__name__)


def _sentence_count(value: str) -> int:
    count = int(value)
    if not MIN_SENTENCES <= count <= MAX_SENTENCES:
        raise argparse.ArgumentTypeError(f"must be between {MIN_SENTENCES} and {MAX_SENTENCES}")
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="News briefings, key quotes and answers, offline. No command: brief the sample.",
        epilog="Chat and scheduling: `briefbot slack`, `briefbot discord`, `briefbot run` (see the README).",
    )
    parser.add_argument("--version", action="version", version=f"briefbot {__version__}")
    commands = parser.add_subparsers(dest="command")
    brief = commands.add_parser("brief", help="brief articles: files, URLs, or - for stdin")
    brief.add_argument("paths", nargs="+", metavar="PATH|URL", help="article text file, web page, or - for stdin")
    brief.add_argument("--sentences", "-n", type=_sentence_count, default=None, help="sentences in the briefing")
    brief.add_argument("--format", "-f", choices=FORMATS, default="text")
    brief.add_argument("--engine", choices=ENGINES, help="offline (default) or llm (needs BRIEFBOT_LLM_MODEL)")
    ask = commands.add_parser("ask", help="answer a question from an article, citing its sentence")
    ask.add_argument("path", metavar="PATH|URL", help="article text file, web page, or - for stdin")
    ask.add_argument("question")
    ask.add_argument("--format", "-f", choices=FORMATS, default="text")
    ask.add_argument("--engine", choices=ENGINES, help="offline (default) or llm (needs BRIEFBOT_LLM_MODEL)")
    feeds = commands.add_parser("feeds", help="follow news feeds and subscribe channels to them")
    feed_commands = feeds.add_subparsers(dest="feeds_command", required=True)
    add = feed_commands.add_parser("add", help="follow a feed; with --channel, add it to that channel's digest")
    add.add_argument("url")
    add.add_argument("--channel", help="console, slack:CHANNEL_ID or discord:CHANNEL_ID")
    add.add_argument("--include", nargs="*", default=(), metavar="WORD", help="only articles with one of these")
    add.add_argument("--exclude", nargs="*", default=(), metavar="WORD", help="never articles with these")
    add.add_argument("--timezone", help="IANA time zone of the channel's digest (default UTC)")
    add.add_argument("--at", dest="digest_time", help="the channel's local digest time, HH:MM (default 07:30)")
    listing = feed_commands.add_parser("list", help="list followed feeds, or a channel's subscriptions")
    listing.add_argument("--channel")
    remove = feed_commands.add_parser("remove", help="stop following a feed, or remove it from a channel")
    remove.add_argument("url")
    remove.add_argument("--channel")
    commands.add_parser("poll", help="fetch every feed once and brief what is new")
    digest = commands.add_parser("digest", help="print a channel's digest of new articles")
    digest.add_argument("--channel", default="console", help="console (delivered) or a chat channel (preview)")
    digest.add_argument("--format", "-f", choices=("text", "json"), default="text")
    return parser


def _source(value: str) -> Source:
    """A link, unless a file of that name exists here ("www.notes.txt")."""
    return FromUrl(value) if looks_like_url(value) and not Path(value).exists() else FromFile(value)


def _channel(spec: str | None) -> ChannelRef | None:
    from bot.channels import parse_channel

    return parse_channel(spec) if spec is not None else None


async def brief_all(runtime: Runtime, paths: Sequence[str], *, fmt: str, sentences: int | None) -> int:
    """Brief each input in turn; a refused input is reported and the rest still briefed."""
    failures = printed = 0
    for path in paths:
        try:
            reply = (await brief(runtime, _source(path), sentences=sentences)).reply
        except BriefbotError as error:
            failures += 1
            print(f"briefbot: {error}", file=sys.stderr)
            continue
        if reply.truncated:
            print(f"briefbot: {path}: very long text; only its first part was briefed.", file=sys.stderr)
        if printed and fmt != "json":
            print()
        print(render(reply, fmt))
        printed += 1
    return 1 if failures else 0


async def ask_one(runtime: Runtime, path: str, question: str, *, fmt: str) -> int:
    read_question(question)  # refuse a bad question before fetching anything
    print(render(await ask(runtime, question, source=_source(path)), fmt))
    return 0


async def feeds_command(runtime: Runtime, args: argparse.Namespace) -> int:
    channel = _channel(args.channel)
    if args.feeds_command == "add":
        notice = await follow(
            runtime, args.url, channel, only=args.include, excluding=args.exclude, at=args.digest_time,
            timezone=args.timezone,
        )  # fmt: skip
        print(render(notice))
    elif args.feeds_command == "remove":
        print(render(await unfollow(runtime, args.url, channel)))
    else:
        listing = await list_feeds(runtime, channel)
        print(render(listing) if listing.feeds or channel else NO_FEEDS)
    return 0


async def poll_feeds(runtime: Runtime) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from bot.services.polling import describe, poll

    store = await runtime.store()
    total = len(await asyncio.to_thread(store.list_feeds))
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("Polling feeds", total=total)
        outcomes = await poll(runtime, lambda _: progress.advance(task))
    print("\n".join(describe(outcomes)) or NO_FEEDS)
    return 1 if any(o.error or o.failed for o in outcomes) else 0


async def digest(runtime: Runtime, spec: str, *, fmt: str) -> int:
    """The console's digest is delivered (never shown twice); another channel's is only previewed."""
    channel = _channel(spec) or CONSOLE

    async def show(reply: DigestReply) -> None:
        print(render(reply, fmt))

    if channel.platform != CONSOLE.platform:
        await show(await preview(runtime, channel))
        return 0
    delivered = await deliver(runtime, channel, show)
    if not delivered.stories and fmt != "json":
        await show(delivered)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return asyncio.run(run(args))
    except BriefbotError as error:
        print(f"briefbot: {error}", file=sys.stderr)
    except ValidationError as error:
        problems = "; ".join(f"BRIEFBOT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors())
        print(f"briefbot: a setting is wrong: {problems}", file=sys.stderr)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`| head`): nothing more to say
    except Exception:
        log.exception("Unexpected error")
        print("briefbot: sorry, something went wrong on my side; the details are above.", file=sys.stderr)
    return 1


async def run(args: argparse.Namespace) -> int:
    """The one place the terminal front end builds its runtime; everything else is a service."""
    settings = load_settings()
    async with Runtime(settings, choose_engine(settings, getattr(args, "engine", None))) as runtime:
        if args.command == "ask":
            return await ask_one(runtime, args.path, args.question, fmt=args.format)
        if args.command == "brief":
            return await brief_all(runtime, args.paths, fmt=args.format, sentences=args.sentences)
        if args.command == "feeds":
            return await feeds_command(runtime, args)
        if args.command == "poll":
            return await poll_feeds(runtime)
        if args.command == "digest":
            return await digest(runtime, args.channel, fmt=args.format)
        return await brief_all(runtime, [str(SAMPLE_ARTICLE)], fmt="text", sentences=None)
