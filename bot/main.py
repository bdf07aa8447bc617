"""The `briefbot` command: chat front ends and the long-running process by name, the terminal for the rest.

Front ends are loaded by name so none imports another (the layer contract in pyproject.toml checks that).
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence

LONG_RUNNING = {
    "slack": "bot.slack_app.main",
    "discord": "bot.discord_app.main",
    "run": "bot.runner",
    "config": "bot.runner.check",
    "migrate": "bot.runner.migrate",
}
"""`briefbot <name> ...` -> the module whose `main(argv)` runs it (the long-running process and its tools)."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in LONG_RUNNING:
        module = importlib.import_module(LONG_RUNNING[args[0]])
        return int(module.main(args[1:]))
    from bot.cli import main as terminal

    try:
        return terminal(args)
    finally:
        # The process ends next. Frozen, the objects the imports made are not walked by the collections interpreter
        # shutdown runs: a short command (`feeds list`, a refused URL) exits about 0.1 s sooner.
        gc.freeze()
