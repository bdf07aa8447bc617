"""`briefbot config check`: reads the configuration as `briefbot run` would and says what each front end lacks.

It names settings and never prints a secret's value. Exit 0 when `briefbot run` would start as configured, 1 when
something is wrong (a value that does not validate, a front end half configured, an unknown key, a database that
does not answer, the LLM engine chosen but not set up).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url

from bot.config_file import CONFIG_ENV, ConfigFileError, config_path, unknown_keys
from bot.engines import LLMNotConfigured, llm_config
from bot.runner.plan import DISCORD_HINT, SLACK_HINT, ConfigInvalid, Configuration, database_label, load_configuration
from bot.store.database import create_store_engine

DATABASE_TIMEOUT = 5
"""Seconds a PostgreSQL server has to accept the check's connection."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbot config", description="Check the configuration.")
    parser.add_argument("action", choices=["check"])
    parser.add_argument("--config", metavar="PATH", help=f"the TOML file (default ${CONFIG_ENV}, else ./briefbot.toml)")
    parser.add_argument("--no-database", action="store_true", help="do not try to connect to the database")
    args = parser.parse_args(list(argv or []))
    if args.config:
        os.environ[CONFIG_ENV] = args.config
    lines, ok = report(database=not args.no_database)
    print("\n".join(lines))
    return 0 if ok else 1


def report(*, database: bool = True) -> tuple[list[str], bool]:
    """The check's lines and whether all is well."""
    try:
        path = config_path()
        config = load_configuration()
        unknown = unknown_keys()
    except ConfigFileError as error:
        return [f"configuration: {error}"], False
    except ConfigInvalid as invalid:
        return ["configuration: these settings are not valid:", *(f"  {p}" for p in invalid.problems)], False
    lines = [f"configuration file: {path or 'none'} (environment variables override it)"]
    ok = not unknown
    if unknown:
        lines.append(f"unknown keys in the file (typos?): {', '.join(unknown)}")
    lines.append(_database_line(config, database))
    ok = ok and "does not answer" not in lines[-1]
    engine_line, engine_ok = _engine_line(config)
    lines.append(engine_line)
    ok = ok and engine_ok
    for front in config.front_ends.values():
        if front.ready:
            lines.append(f"{front.name}: ready ({front.detail})")
        elif front.partial:
            lines.append(f"{front.name}: missing {', '.join(front.missing)}")
            ok = False
        else:
            hint = SLACK_HINT if front.name == "slack" else DISCORD_HINT
            lines.append(f"{front.name}: off; to turn it on, {hint}")
    targets = [*config.chat_ready, "console"]
    lines.append(f"scheduler: ready (posts digests to {', '.join(targets)} channels)")
    lines.append(f"logs: {config.settings.log_format}, {config.settings.log_level}")
    lines.append("ok" if ok else "not ok: fix the lines above")
    return lines, ok


def _database_line(config: Configuration, connect: bool) -> str:
    url = config.settings.database_url
    label = database_label(url)
    if not connect:
        return f"database: {label}"
    if label.startswith("sqlite"):
        return f"database: {label} (SQLite; the file is created on first use)"
    try:
        timed = make_url(url).update_query_dict({"connect_timeout": str(DATABASE_TIMEOUT)})
        engine = create_store_engine(timed.render_as_string(hide_password=False))
        try:
            with engine.connect():
                pass
        finally:
            engine.dispose()
    except Exception as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        return f"database: {label} does not answer ({reason})"
    return f"database: {label} (answers)"


def _engine_line(config: Configuration) -> tuple[str, bool]:
    if config.llm.engine == "offline":
        return "engine: offline", True
    try:
        llm_config(config.settings, config.llm)
    except LLMNotConfigured as error:
        return f"engine: llm, {error}", False
    return f"engine: llm ({config.llm.llm_model})", True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
