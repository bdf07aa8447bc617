"""The `briefbot` command line: the same core the chat adapters use, for files, URLs, stdin and feeds.

Exit codes: 0 all inputs briefed, 1 at least one input refused (reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from bot import __version__
from bot.briefing import Briefer, BriefResult
from bot.inputs import read_text
from bot.render import ANSWER_RENDERERS, BRIEF_RENDERERS
from bot.settings import Settings, load_settings
from bot.urls import looks_like_url
from summaries.article import read_article
from summaries.engine import MAX_SENTENCES, MIN_SENTENCES, Engine, OfflineEngine
from summaries.errors import BriefbotError
from summaries.model import Article
from summaries.questions import read_question

SAMPLE_ARTICLE = Path(__file__).parent / "samples" / "article.txt"
FORMATS = ("text", "markdown", "json")
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html|<head|<!--)", re.IGNORECASE)
log = logging.getLogger(__name__)


def _sentence_count(value: str) -> int:
    count = int(value)
    if not MIN_SENTENCES <= count <= MAX_SENTENCES:
        raise argparse.ArgumentTypeError(f"must be between {MIN_SENTENCES} and {MAX_SENTENCES}")
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="News briefings, key quotes and answers, offline. No command: brief the sample."
    )
    parser.add_argument("--version", action="version", version=f"briefbot {__version__}")
    commands = parser.add_subparsers(dest="command")
    brief = commands.add_parser("brief", help="brief articles: files, URLs, or - for stdin")
    brief.add_argument("paths", nargs="+", metavar="PATH|URL", help="article text file, web page, or - for stdin")
    brief.add_argument("--sentences", "-n", type=_sentence_count, default=None, help="sentences in the briefing")
    brief.add_argument("--format", "-f", choices=FORMATS, default="text")
    ask = commands.add_parser("ask", help="answer a question from an article, citing its sentence")
    ask.add_argument("path", metavar="PATH|URL", help="article text file, web page, or - for stdin")
    ask.add_argument("question")
    ask.add_argument("--format", "-f", choices=FORMATS, default="text")
    feeds = commands.add_parser("feeds", help="follow news feeds and subscribe channels to them")
    feed_commands = feeds.add_subparsers(dest="feeds_command", required=True)
    add = feed_commands.add_parser("add", help="follow a feed; with --channel, add it to that channel's digest")
    add.add_argument("url")
    add.add_argument("--channel", help="console, slack:CHANNEL_ID or discord:CHANNEL_ID")
    add.add_argument("--include", nargs="*", default=(), metavar="WORD", help="only articles with one of these")
    add.add_argument("--exclude", nargs="*", default=(), metavar="WORD", help="never articles with these")
    add.add_argument("--timezone", help="IANA time zone of the channel's digest (new channels: UTC)")
    add.add_argument("--at", dest="digest_time", help="the channel's local digest time, HH:MM (new channels: 07:30)")
    listing = feed_commands.add_parser("list", help="list followed feeds, or a channel's subscriptions")
    listing.add_argument("--channel")
    remove = feed_commands.add_parser("remove", help="stop following a feed, or remove it from a channel")
    remove.add_argument("url")
    remove.add_argument("--channel")
    commands.add_parser("poll", help="fetch every feed once and brief what is new")
    digest = commands.add_parser("digest", help="print a channel's digest of new articles")
    digest.add_argument("--channel", default="console", help="console (delivered) or a chat channel (preview)")
    return parser


def _is_url(source: str) -> bool:
    """A link, unless a file of that name exists here ("www.notes.txt")."""
    return looks_like_url(source) and not Path(source).exists()


def _article(source: str, settings: Settings) -> Article:
    """A saved web page is extracted like a fetched one; anything else is read as article text."""
    text = read_text(source, max_bytes=settings.max_input_bytes)
    if _HTML_START.match(text):
        from bot.web.extract import extract_article

        return extract_article(text)
    return read_article(text)


def _brief_one(source: str, briefer: Briefer, sentences: int, settings: Settings) -> BriefResult:
    if _is_url(source):
        from bot.cli_web import brief_url

        return brief_url(source, briefer, sentences=sentences, settings=settings)
    return briefer.brief(_article(source, settings), sentences=sentences, source=source)


def brief(paths: Sequence[str], *, fmt: str, sentences: int, engine: Engine, settings: Settings) -> int:
    """Brief each input in turn; a refused input is reported and the rest still briefed."""
    render = BRIEF_RENDERERS[fmt]
    failures = printed = 0
    with briefer_for(engine, settings, urls=any(map(_is_url, paths))) as briefer:
        for source in paths:
            try:
                result = _brief_one(source, briefer, sentences, settings)
            except BriefbotError as error:
                failures += 1
                print(f"briefbot: {error}", file=sys.stderr)
                continue
            if result.article.truncated:
                print(f"briefbot: {source}: very long text; only its first part was briefed.", file=sys.stderr)
            if printed and fmt != "json":
                print()
            print(render(result))
            printed += 1
    return 1 if failures else 0


def ask(source: str, question: str, *, fmt: str, engine: Engine, settings: Settings) -> int:
    try:
        read_question(question)  # refuse a bad question before fetching anything
        if _is_url(source):
            from bot.cli_web import article_from_url

            article = article_from_url(source, settings)
        else:
            article = _article(source, settings)
        result = engine.answer(article, question)
    except BriefbotError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 1
    print(ANSWER_RENDERERS[fmt](result))
    return 0


@contextmanager
def briefer_for(engine: Engine, settings: Settings, *, urls: bool) -> Iterator[Briefer]:
    """URLs are briefed with the store as cache; files need neither the store nor SQLAlchemy."""
    if not urls:
        yield Briefer(engine)
        return
    from bot.cli_web import open_store

    with open_store(settings) as store:
        yield Briefer(engine, store)


def feeds_and_digests(args: argparse.Namespace, engine: Engine, settings: Settings) -> int:
    from bot import cli_web

    try:
        with cli_web.open_store(settings) as store:
            if args.command == "poll":
                outcomes = cli_web.poll(store, engine, settings)
                print(
                    "\n".join(cli_web.describe_poll(outcomes)) or "No feeds yet: add one with `briefbot feeds add URL`."
                )
                return 1 if any(o.error or o.failed for o in outcomes) else 0
            elif args.command == "digest":
                cli_web.digest(store, engine, args.channel)
            elif args.feeds_command == "add":
                options = {"include": args.include, "exclude": args.exclude, "timezone": args.timezone}
                print(cli_web.feeds_add(store, args.url, args.channel, **options, digest_time=args.digest_time))
            elif args.feeds_command == "remove":
                print(cli_web.feeds_remove(store, args.url, args.channel))
            else:
                print(cli_web.feeds_list(store, args.channel))
    except BriefbotError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return run(args)
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


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    engine = OfflineEngine(key_quotes=settings.key_quotes)
    if args.command == "ask":
        return ask(args.path, args.question, fmt=args.format, engine=engine, settings=settings)
    if args.command == "brief":
        sentences = args.sentences or settings.sentences
        return brief(args.paths, fmt=args.format, sentences=sentences, engine=engine, settings=settings)
    if args.command in ("feeds", "poll", "digest"):
        return feeds_and_digests(args, engine, settings)
    return brief([str(SAMPLE_ARTICLE)], fmt="text", sentences=settings.sentences, engine=engine, settings=settings)
