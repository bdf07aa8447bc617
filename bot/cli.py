"""The `briefbot` command line: the same core the chat adapters use, for files, URLs, stdin and feeds.

Exit codes: 0 all inputs briefed, 1 at least one input refused (reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import select
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot import __version__
from bot.channels import CONSOLE, ChannelRef
from bot.inputs import shortened
from bot.replies import DigestReply
from bot.services import FromFile, FromUrl, Runtime, Source, ask, brief, deliver, follow, list_feeds, preview, unfollow
from bot.services.runtime import choose_engine
from bot.settings import load_settings, setting_warnings
from bot.terminal import FORMATS, render
from bot.urls import looks_like_url, without_credentials
from summaries.errors import BriefbotError
from summaries.model import MAX_SENTENCES, MIN_SENTENCES
from summaries.questions import read_question

SAMPLE_ARTICLE = Path(__file__).parent / "samples" / "article.txt"
ENGINES = ("offline", "llm")
NO_FEEDS = "No feeds yet: add one with `briefbot feeds add URL`."
NOT_SUBSCRIBED = (
    "briefbot: the console follows no feeds: `briefbot feeds add URL` subscribes it, then `briefbot poll` and "
    "`briefbot digest`. (Articles polled before a subscription never come in its digest.)"
)
log = logging.getLogger(__name__)


def _sentence_count(value: str) -> int:
    problem = f"must be a whole number from {MIN_SENTENCES} to {MAX_SENTENCES}, not {value!r}"
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(problem) from None
    if not MIN_SENTENCES <= count <= MAX_SENTENCES:
        raise argparse.ArgumentTypeError(problem)
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
    brief.add_argument(
        "--sentences", "-n", type=_sentence_count, default=None, metavar="N",
        help=f"sentences in the briefing, {MIN_SENTENCES}-{MAX_SENTENCES} (default BRIEFBOT_SENTENCES, 4)",
    )  # fmt: skip
    brief.add_argument("--format", "-f", choices=FORMATS, default="text")
    brief.add_argument("--engine", choices=ENGINES, help="offline (default) or llm (needs BRIEFBOT_LLM_MODEL)")
    ask = commands.add_parser("ask", help="answer a question from an article, citing its sentence")
    ask.add_argument("path", metavar="PATH|URL", help="article text file, web page, or - for stdin")
    ask.add_argument("question", help="the question, in quotes (at most 500 characters)")
    ask.add_argument("--format", "-f", choices=FORMATS, default="text")
    ask.add_argument("--engine", choices=ENGINES, help="offline (default) or llm (needs BRIEFBOT_LLM_MODEL)")
    feeds = commands.add_parser("feeds", help="follow news feeds and subscribe channels to them")
    feed_commands = feeds.add_subparsers(dest="feeds_command", required=True)
    add = feed_commands.add_parser("add", help="follow a feed; with --channel, add it to that channel's digest")
    add.add_argument("url", help="the feed's address (RSS, Atom or RDF)")
    add.add_argument(
        "--channel", default="console",
        help="whose digest gets its articles: console (the default), slack:[TEAM/]C or discord:[GUILD/]C",
    )  # fmt: skip
    add.add_argument("--include", nargs="*", default=(), metavar="WORD", help="only articles with one of these")
    add.add_argument("--exclude", nargs="*", default=(), metavar="WORD", help="never articles with these")
    add.add_argument("--timezone", help="IANA time zone of the channel's digest (default UTC)")
    add.add_argument("--at", dest="digest_time", help="the channel's local digest time, HH:MM (default 07:30)")
    listing = feed_commands.add_parser("list", help="list followed feeds, or a channel's subscriptions")
    listing.add_argument("--channel", help="a channel (console, slack:C, discord:C); without it, every followed feed")
    remove = feed_commands.add_parser("remove", help="stop following a feed, or remove it from a channel")
    remove.add_argument("url", help="the feed's address, as listed by `feeds list`")
    remove.add_argument("--channel", help="only unsubscribe this channel; without it, stop following the feed")
    commands.add_parser("poll", help="fetch every feed once and brief what is new")
    digest = commands.add_parser("digest", help="print a channel's digest of new articles")
    digest.add_argument(
        "--channel", default="console", help="console (default; delivered) or a chat channel (only previewed)"
    )
    digest.add_argument("--format", "-f", choices=("text", "json"), default="text")
    return parser


def _source(value: str) -> Source:
    """A link, unless a file of that name exists here ("www.notes.txt")."""
    return FromUrl(value) if looks_like_url(value) and not Path(value).exists() else FromFile(value)


def _channel(spec: str | None) -> ChannelRef | None:
    from bot.channels import parse_channel

    return parse_channel(spec) if spec is not None else None


def _shown(path: str) -> str:
    return without_credentials(path) if looks_like_url(path) else path


def _name(path: str) -> str:
    """An input as an error line names it: no credentials, and not thousands of characters long."""
    return shortened(_shown(path))


def _failed(path: str, error: BriefbotError) -> str:
    """The error's message, naming the input unless it already does."""
    message = str(error)
    return message if message.startswith((path, _name(path))) else f"{_name(path)}: {message}"


async def brief_all(runtime: Runtime, paths: Sequence[str], *, fmt: str, sentences: int | None) -> int:
    """Brief each input in turn; a refused input is reported (naming it) and the rest still briefed.

    In JSON a refused input is a line `{"source": ..., "error": ...}` too, so output lines match inputs one to one.
    """
    failures = printed = 0
    for path in paths:
        try:
            reply = (await brief(runtime, _source(path), sentences=sentences)).reply
        except BriefbotError as error:
            failures += 1
            print(f"briefbot: {_failed(path, error)}", file=sys.stderr)
            if fmt == "json":
                print(json.dumps({"source": _shown(path), "error": str(error)}, ensure_ascii=False))
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
    if args.feeds_command == "add":  # the console by default: `feeds add`, `poll`, `digest` is the first run
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
    """One line a feed on stdout; a progress bar only on a terminal (a cron job's stderr gets problems only)."""
    from bot.services.polling import describe, poll

    if not sys.stderr.isatty():
        outcomes = await poll(runtime)
    else:
        from rich.console import Console
        from rich.progress import Progress

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
        store = await runtime.store()
        if not await asyncio.to_thread(store.subscriptions, channel):
            print(NOT_SUBSCRIBED, file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Every failure is one `briefbot: ...` line on stderr and a non-zero exit; Ctrl-C and SIGTERM stop cleanly."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return asyncio.run(run(args))
    except BriefbotError as error:
        print(f"briefbot: {error}", file=sys.stderr)
    except ValidationError as error:
        problems = "; ".join(f"BRIEFBOT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors())
        print(f"briefbot: a setting is wrong: {problems}", file=sys.stderr)
    except KeyboardInterrupt:
        print("briefbot: interrupted.", file=sys.stderr)
        return 130
    except asyncio.CancelledError:  # SIGTERM cancels the run; the runtime has shut its workers down
        print("briefbot: stopped (SIGTERM).", file=sys.stderr)
        return 128 + signal.SIGTERM
    except Exception as error:
        if isinstance(error, BrokenPipeError) and _reader_gone(sys.stdout):  # `| head` has read enough: no more to say
            sys.stderr.close()
            return 1
        problem = _database_problem(error) or _os_problem(error)
        if problem is None:
            log.exception("Unexpected error")
            problem = "sorry, something went wrong on my side; the details are above."
        print(f"briefbot: {problem}", file=sys.stderr)
    return 1


def _reader_gone(stream: TextIO) -> bool:
    """True when `stream` is a pipe nobody reads any more; a broken pipe elsewhere (a worker's) is a real error."""
    try:
        poller = select.poll()
        poller.register(stream.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):  # closed or not a file
        return True


def _database_problem(error: Exception) -> str | None:
    """A database failure in one line (read-only, damaged, full, gone), if `error` is one."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if not isinstance(error, SQLAlchemyError):
        return None
    reason = error.orig if isinstance(error, DBAPIError) else error
    return f"the database failed: {str(reason).strip().splitlines()[0]} (BRIEFBOT_DATABASE_URL)."


def _os_problem(error: Exception) -> str | None:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f": {error.filename}" if error.filename else "") + "."
    return None


async def run(args: argparse.Namespace) -> int:
    """The one place the terminal front end builds its runtime; everything else is a service."""
    settings = load_settings()
    for warning in setting_warnings(settings):
        print(f"briefbot: warning: {warning}", file=sys.stderr)
    current = asyncio.current_task()
    if current is not None:  # SIGTERM: cancel the run, so the runtime closes its store, client and workers
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, current.cancel)
    engine = getattr(args, "engine", None)
    if engine is not None:
        choose_engine(settings, engine)  # an engine asked for and not configured: refused before any work
    async with Runtime(settings, engine_name=engine) as runtime:
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
