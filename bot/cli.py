"""The `briefbot` command line: the same core the chat adapters use, for files, stdin and the bundled sample.

Exit codes: 0 all inputs briefed, 1 at least one input refused (reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import __version__
from bot.inputs import read_text
from bot.render import ANSWER_RENDERERS, BRIEF_RENDERERS, BriefResult
from config import Settings, load_settings
from summaries.article import read_article
from summaries.engine import MAX_SENTENCES, MIN_SENTENCES, Engine, OfflineEngine
from summaries.errors import BriefbotError

SAMPLE_ARTICLE = Path(__file__).parent / "samples" / "article.txt"
FORMATS = ("text", "markdown", "json")
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
    brief = commands.add_parser("brief", help="brief one or more articles (files, or - for stdin)")
    brief.add_argument("paths", nargs="+", metavar="PATH", help="article text file, or - for standard input")
    brief.add_argument("--sentences", "-n", type=_sentence_count, default=None, help="sentences in the briefing")
    brief.add_argument("--format", "-f", choices=FORMATS, default="text")
    ask = commands.add_parser("ask", help="answer a question from an article, citing its sentence")
    ask.add_argument("path", metavar="PATH", help="article text file, or - for standard input")
    ask.add_argument("question")
    ask.add_argument("--format", "-f", choices=FORMATS, default="text")
    return parser


def _article(source: str, settings: Settings):
    return read_article(read_text(source, max_bytes=settings.max_input_bytes))


def brief(paths: Sequence[str], *, fmt: str, sentences: int, engine: Engine, settings: Settings) -> int:
    """Brief each input in turn; a refused input is reported and the rest still briefed."""
    render = BRIEF_RENDERERS[fmt]
    failures = 0
    for number, source in enumerate(paths):
        try:
            article = _article(source, settings)
            result = BriefResult(source, article, engine.brief(article, sentences=sentences), engine.quotes(article))
        except BriefbotError as error:
            failures += 1
            print(f"briefbot: {error}", file=sys.stderr)
            continue
        if number and fmt != "json":
            print()
        print(render(result))
    return 1 if failures else 0


def ask(source: str, question: str, *, fmt: str, engine: Engine, settings: Settings) -> int:
    try:
        result = engine.answer(_article(source, settings), question)
    except BriefbotError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 1
    print(ANSWER_RENDERERS[fmt](result))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    settings = load_settings()
    engine = OfflineEngine(key_quotes=settings.key_quotes)
    if args.command == "ask":
        return ask(args.path, args.question, fmt=args.format, engine=engine, settings=settings)
    if args.command == "brief":
        sentences = args.sentences or settings.sentences
        return brief(args.paths, fmt=args.format, sentences=sentences, engine=engine, settings=settings)
    return brief([str(SAMPLE_ARTICLE)], fmt="text", sentences=settings.sentences, engine=engine, settings=settings)
