"""Each way a user or the system can break a command ends in one `briefbot: ...` line and a non-zero exit."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

from bot.cli import SAMPLE_ARTICLE
from tests.cli_runs import run as in_process

BRIEFBOT = [sys.executable, "-m", "bot"]
TIMEOUT = 3


@pytest.fixture
def env(tmp_path):
    return {
        **os.environ,
        "BRIEFBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'briefbot.db'}",
        "XDG_DATA_HOME": str(tmp_path),
    }


def process(env, *args, cwd=None):
    """`python -m bot ...` as a process: for what only a process shows (signals, closed descriptors, timeouts)."""
    return subprocess.run([*BRIEFBOT, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def run(monkeypatch, capsys):
    """The terminal command in this process (what `python -m bot` calls), with `env` as its whole environment and
    `cwd` as its directory: the same one-line errors and exit codes, without ~0.5 s of start-up each."""

    def run(env, *args, cwd=None):
        with monkeypatch.context() as patch:
            for key in set(os.environ) - set(env):
                patch.delenv(key)
            for key, value in env.items():
                patch.setenv(key, value)
            if cwd is not None:
                patch.chdir(cwd)
            try:
                code, out, err = in_process(capsys, *args)
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else 1
                out, err = capsys.readouterr()
        return subprocess.CompletedProcess([*BRIEFBOT, *args], code, out, err)

    return run


def assert_one_line(done, *needles):
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1 and lines[0].startswith("briefbot: "), done.stderr
    assert all(n in lines[0] for n in needles), lines[0]


def test_closed_stdin(env):
    done = subprocess.run(["bash", "-c", 'exec "$0" -m bot brief - <&-', sys.executable], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert_one_line(done, "standard input")


@pytest.mark.parametrize("path", ["a" * 300, "/".join(["b" * 200] * 25)], ids=["component", "path"])
def test_overlong_paths(env, path, run):
    assert_one_line(run(env, "brief", path), "cannot be read")


@pytest.mark.parametrize("command", [["brief"], ["ask", "Who said it?"]], ids=["brief", "ask"])
def test_overlong_url(env, command, run):
    url = "https://example.com/" + "a" * 5000
    args = [command[0], url, *command[1:]]
    assert_one_line(run(env, *args), "too long")


def test_fifo_without_writer_is_refused_not_waited_on(env, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_one_line(process(env, "brief", str(fifo)), "not a regular file")  # a process: a hang would be a timeout


def test_database_under_dev_null(env, run):
    env["BRIEFBOT_DATABASE_URL"] = "sqlite:////dev/null/x.db"
    assert_one_line(run(env, "feeds", "list"), "database")


@pytest.mark.parametrize(
    "command", [["feeds", "add", "https://example.com/rss"], ["feeds", "remove", "FEED"], ["poll"]]
)
def test_read_only_database(env, tmp_path, httpserver, command, run):
    from tests.fakes.feeds import Item, rss2

    feed = httpserver.url_for("/rss")
    httpserver.expect_request("/rss").respond_with_data(
        rss2([Item("One", httpserver.url_for("/a"), "g1")]), content_type="application/rss+xml"
    )
    env["BRIEFBOT_ALLOW_PRIVATE_ADDRESSES"] = "1"
    assert run(env, "feeds", "add", feed).returncode == 0
    # Opened read-only by SQLite itself: file permissions do not stop root, who runs CI.
    env["BRIEFBOT_DATABASE_URL"] = f"sqlite:///file:{tmp_path / 'briefbot.db'}?mode=ro&uri=true"
    done = run(env, *[feed if arg == "FEED" else arg for arg in command])
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    problems = [line for line in done.stderr.splitlines() if "private and loopback" not in line]
    assert len(problems) == 1 and problems[0].startswith("briefbot: ") and "readonly" in problems[0], done.stderr


def test_damaged_data_pages(env, tmp_path, run):
    for n in range(30):
        assert run(env, "feeds", "add", f"https://example.com/feed{n}").returncode == 0 or n > 2
        if n > 2:
            break
    db = tmp_path / "briefbot.db"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feeds'").fetchone()
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    assert_one_line(run(env, "feeds", "list"), "database")


def test_non_utf8_env_file(env, tmp_path, run):
    (tmp_path / ".env").write_bytes(b"BRIEFBOT_SENTENCES=\xff\xfe3\n")
    assert_one_line(run(env, "feeds", "list", cwd=tmp_path), ".env")


def test_private_addresses_allowed_from_a_env_file_is_said_on_stderr(env, tmp_path, run):
    (tmp_path / ".env").write_text("BRIEFBOT_ALLOW_PRIVATE_ADDRESSES=1\n")
    done = run(env, "feeds", "list", cwd=tmp_path)
    assert done.returncode == 0
    assert "private and loopback addresses may be fetched" in done.stderr and ".env" in done.stderr


def test_postgres_server_that_never_answers_times_out(env):
    pytest.importorskip("psycopg")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)  # the kernel accepts connections; nobody ever answers
        port = server.getsockname()[1]
        # The URL's own timeout (3 s, not the default 10 s) keeps the test short; one attempt takes it once.
        env["BRIEFBOT_DATABASE_URL"] = f"postgresql+psycopg://u@127.0.0.1:{port}/db?connect_timeout={TIMEOUT}"
        start = time.monotonic()
        done = process(env, "feeds", "list")
    assert time.monotonic() - start < 2 * TIMEOUT  # one attempt and start-up, not two attempts
    assert_one_line(done, "database")


def _hanging_poll(env, tmp_path, httpserver, run):
    """A poll stuck on a feed that never answers; returns the running process once it is waiting."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
    hang = socket.socket()
    hang.bind(("127.0.0.1", port))
    hang.listen(8)
    env["BRIEFBOT_ALLOW_PRIVATE_ADDRESSES"] = "1"
    assert run(env, "feeds", "add", f"http://127.0.0.1:{port}/rss").returncode == 0
    # As a command run from a terminal: a shell running the suite in the background ignores SIGINT for its jobs,
    # and the poll would inherit that (then Ctrl-C does nothing, rightly).
    proc = subprocess.Popen(
        [*BRIEFBOT, "poll"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_terminal
    )
    hang.settimeout(30)
    connection, _ = hang.accept()  # the poll has started and waits for the feed's answer
    hang.close()
    return proc, connection


def _terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_prints_one_line(env, tmp_path, httpserver, run):
    proc, hang = _hanging_poll(env, tmp_path, httpserver, run)
    with hang:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and err.strip().splitlines()[1:] == ["briefbot: interrupted."], err


def test_sigterm_stops_cleanly(env, tmp_path, httpserver, run):
    proc, hang = _hanging_poll(env, tmp_path, httpserver, run)
    with hang:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143 and err.strip().splitlines()[1:] == ["briefbot: stopped (SIGTERM)."], err


def test_a_reader_that_stops_reading_ends_it_quietly(env):
    """`briefbot brief article.txt | head -1`: the reader has gone, nothing more to say (no traceback)."""
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w") as stdout:
        command = [*BRIEFBOT, "brief", str(SAMPLE_ARTICLE)]
        done = subprocess.run(command, env=env, stdout=stdout, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1 and done.stderr == b""
