"""`briefbot migrate`: brings the database schema to the newest migration and exits (the Procfile's release step).

Safe to run while older processes serve, and by several releases at once (PostgreSQL takes an advisory lock).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bot.config_file import CONFIG_ENV, ConfigFileError
from bot.runner.plan import database_label
from bot.settings import Settings
from bot.store import Store
from summaries.errors import BriefbotError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbot migrate", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", metavar="PATH", help=f"the TOML file (default ${CONFIG_ENV}, else ./briefbot.toml)")
    args = parser.parse_args(list(argv or []))
    if args.config:
        os.environ[CONFIG_ENV] = args.config
    try:
        url = Settings().database_url
        with Store.open(url):
            pass
    except (ConfigFileError, BriefbotError) as error:
        print(f"briefbot migrate: {error}", file=sys.stderr)
        return 1
    print(f"briefbot migrate: {database_label(url)} is up to date")
    return 0
