"""How long short terminal commands take from start to exit: the ones a person or a cron job runs often.

    python -m bench.startup [--runs 21]

Each command runs `--runs` times as its own process on a fresh SQLite file (migrated by a first run), no network;
the table gives the median and the fastest wall time. Target (issue: hardening): each under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import table

COMMANDS = {
    "refused private URL": ["brief", "http://10.0.0.1/"],
    "refused file URL": ["brief", "file:///etc/passwd"],
    "feeds list (none)": ["feeds", "list"],
    "digest (empty)": ["digest"],
    "brief the sample (file)": [],
}


def timed(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", *command], env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = {**os.environ, "BRIEFBOT_DATABASE_URL": f"sqlite:///{Path(workdir) / 'briefbot.db'}"}
        env.pop("BRIEFBOT_ALLOW_PRIVATE_ADDRESSES", None)
        timed(["feeds", "list"], env, 1)  # creates the database
        body = []
        for name, command in COMMANDS.items():
            times = timed(command, env, args.runs)
            body.append([name, round(statistics.median(times), 3), round(min(times), 3)])
    load = os.getloadavg()[0]
    print(f"{args.runs} runs each, one process a run; load average {load:.1f}")
    print(table(["command", "median s", "fastest s"], body))


if __name__ == "__main__":
    main()
