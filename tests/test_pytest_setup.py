"""The test run itself: skips say why, and a configured PostgreSQL that is not there is one clear line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pytest(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip


def test_postgres_set_but_absent_is_one_line():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    env = {**os.environ, "BRIEFBOT_TEST_POSTGRES_URL": f"postgresql+psycopg://u@127.0.0.1:{port}/x"}
    done = _pytest(env, "tests/bot/store/test_store_schema.py", "-k", "postgres")  # the PostgreSQL tests alone
    lines = [line for line in done.stdout.splitlines() if "no PostgreSQL answers" in line]
    assert done.returncode == 3 and len(lines) == 1, done.stdout[-2000:]
    assert "Traceback" not in done.stdout


def test_skips_say_why():
    env = {k: v for k, v in os.environ.items() if k != "BRIEFBOT_TEST_POSTGRES_URL"}
    done = _pytest(env, "tests/bot/store/test_store_schema.py", "-k", "postgres")  # the PostgreSQL tests alone
    assert "SKIPPED" in done.stdout and "BRIEFBOT_TEST_POSTGRES_URL is not set" in done.stdout, done.stdout[-2000:]
