"""What a newcomer meets: errors naming their input, JSON lines matching inputs, a first run that works, help that
answers, and output a cron job can read (one line per problem)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.cli import MAX_SENTENCES, MIN_SENTENCES, build_parser, main
from summaries import engine
from tests.cli_runs import run


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'briefbot.db'}")
    monkeypatch.delenv("BRIEFBOT_ALLOW_PRIVATE_ADDRESSES", raising=False)
    return tmp_path


def test_json_prints_a_line_for_a_failed_input_so_lines_match_inputs(capsys, db, seed_text):
    good = db / "good.txt"
    good.write_text(seed_text, encoding="utf-8")
    code, out, err = run(capsys, "brief", str(db / "missing.txt"), "http://10.0.0.1/x", str(good), "-f", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(rows) == 3
    assert rows[0] == {"source": str(db / "missing.txt"), "error": f"{db / 'missing.txt'}: no such file."}
    assert rows[1]["source"] == "http://10.0.0.1/x" and "private network" in rows[1]["error"]
    assert rows[2]["source"] == str(good) and rows[2]["briefing"]
    assert err.splitlines()[1].startswith("briefbot: http://10.0.0.1/x: I can't fetch")


def test_feeds_add_subscribes_the_console_so_the_first_run_works(capsys, db):
    code, out, _ = run(capsys, "feeds", "add", "https://example.com/rss")
    assert code == 0 and "Subscribed to https://example.com/rss" in out
    code, out, _ = run(capsys, "feeds", "list", "--channel", "console")
    assert "https://example.com/rss" in out


def test_empty_digest_says_what_to_do_when_the_console_follows_nothing(capsys, db):
    code, out, err = run(capsys, "digest")
    assert code == 0 and out.strip() == "Nothing new since the last digest."
    assert "the console follows no feeds" in err and "feeds add URL" in err


def test_poll_prints_one_line_per_problem_and_nothing_else_to_stderr(db):
    env = {**os.environ}
    assert main(["feeds", "add", "http://127.0.0.1:9/rss"]) == 0  # refused: a private address
    done = subprocess.run([sys.executable, "-m", "bot", "poll"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.count("127.0.0.1:9/rss") == 1 and len(done.stdout.splitlines()) == 1


def test_help_answers_the_usual_questions():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    brief, ask, digest = (commands[name].format_help() for name in ("brief", "ask", "digest"))
    assert f"{MIN_SENTENCES}-{MAX_SENTENCES}" in brief and "default" in brief
    assert "500 characters" in ask and "PATH|URL" in ask
    feed_commands = commands["feeds"]._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert "every followed feed" in feed_commands["list"].format_help()
    assert "feed's address" in feed_commands["remove"].format_help()
    assert "console (default" in digest
    assert (MIN_SENTENCES, MAX_SENTENCES) == (engine.MIN_SENTENCES, engine.MAX_SENTENCES)


def test_a_bad_sentence_count_is_said_in_words(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["brief", "x.txt", "-n", "many"])
    err = capsys.readouterr().err
    assert "must be a whole number from 1 to 10" in err and "_sentence_count" not in err


def test_small_limits_are_said_in_bytes_not_fractions_of_a_megabyte(capsys, db, monkeypatch, seed_text):
    monkeypatch.setenv("BRIEFBOT_MAX_INPUT_BYTES", "500")
    path = db / "a.txt"
    path.write_text(seed_text, encoding="utf-8")
    code, _, err = run(capsys, "brief", str(path))
    assert code == 1 and "over the 500 bytes limit" in err and "0.0005" not in err


async def test_a_json_link_is_a_file_of_type_not_a_application(pages):
    from bot.web import FetchLimits, NotAnArticle, fetch

    pages.serve("/data", headers=[("Content-Type", "application/json")], body=b"{}")
    with pytest.raises(NotAnArticle, match="a file of type application/json"):
        await fetch(pages.url("/data"), limits=FetchLimits(allow_private=True))


IMPORTS = """
import sys
from bot.main import main
main(sys.argv[1:])
heavy = {"trafilatura", "alembic", "lxml", "openai", "summaries.engine"}
print(sorted(name for name in sys.modules if name in heavy or name.split(".")[0] in heavy))
"""


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["brief", "http://10.0.0.1/"], {"sqlalchemy"}),
        (["brief", "file:///etc/passwd"], {"sqlalchemy"}),
        (["feeds", "list"], {"httpx"}),
        (["digest"], {"httpx"}),
    ],
    ids=["refused-url", "refused-file-url", "feeds-list", "empty-digest"],
)
def test_short_commands_import_only_what_they_need(db, args, unwanted):
    """Start-up is mostly imports: trafilatura, Alembic and the core cost seconds these commands never need."""
    assert main(["feeds", "list"]) == 0  # the database exists (a new one is migrated, which needs Alembic)
    done = subprocess.run([sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, timeout=60)
    imported = done.stdout.strip().splitlines()[-1]
    assert imported == "[]", imported
    check = f"import sys; from bot.main import main; main(sys.argv[1:]); print(sorted({unwanted!r} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", check, *args], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]"
