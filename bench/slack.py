"""The Slack app under load: ack latency beside the bare-Bolt floor, time until the answer arrives, peak RSS.

    python -m bench.slack [--requests 1000] [--concurrency 50]

Runs, in one session on loopback: `../shared/tools/bolt_bare_app.py` (a Bolt app that only acks: the floor) and
`briefbot slack` (HTTP mode, Web API pointed at a fake Slack, pages served locally), each pinned to core 0 when
`taskset` exists, and drives each in turn with `../shared/tools/slack_load.py` (pinned to core 1), 50 commands in
flight. The product runs `/briefing <url>` twice (a page served on loopback: in the first run the first wave fetches
it, the rest come from the store; the second run is all from the store) and `/briefing <pasted article>`; its
`response_url` posts go to slack_load's sink, which times them.
Targets: ack p99 at most 2x the floor's and under 300 ms; answer p99 under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.common import DATA, TOOLS, table
from tests.fakes.discord_api import running_fake_discord
from tests.fakes.page_server import running_page_server
from tests.fakes.slack_api import running_fake_slack

SECRET = "bench-signing-secret"
PAGE = DATA / "html-pages" / "bbc.com.52241221.html"
TEXT_ROW = DATA / "news-summ" / "cnndm-sample.jsonl"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned(core: int, *command: str) -> list[str]:
    return (
        ["taskset", "-c", str(core), *command]
        if shutil.which("taskset") and (os.cpu_count() or 1) > 1
        else list(command)
    )


async def wait_listening(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"nothing listening on port {port}") from None
            await asyncio.sleep(0.2)


async def load(url: str, text: str, args: argparse.Namespace, *, sink: bool, bad_signature: bool = False) -> dict:
    command = [
        sys.executable,
        str(TOOLS / "slack_load.py"),
        url,
        "--secret",
        SECRET,
        "--concurrency",
        str(args.concurrency),
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
        "--text",
        text,
        "--json",
        "--sink-wait",
        "60",
    ]
    if sink:
        command += ["--response-url-sink", str(free_port())]
    if bad_signature:
        command += ["--bad-signature"]
    process = await asyncio.create_subprocess_exec(
        *pinned(1, *command), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode and not bad_signature:
        raise SystemExit(f"slack_load failed: {err.decode()}")
    return dict(json.loads(out))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tree_rss_mb(pid: int) -> float:
    """RSS of the process and its descendants (the process pool's workers)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return rss_mb(pid) + sum(tree_rss_mb(int(child)) for child in children)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(args: argparse.Namespace) -> None:
    article = json.loads(TEXT_ROW.read_text(encoding="utf-8").splitlines()[0])["article"]
    async with running_fake_slack() as fake, running_page_server() as pages, running_fake_discord() as discord:
        pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=PAGE.read_bytes())
        floor_port, app_port = free_port(), free_port()
        workdir = Path(tempfile.mkdtemp(prefix="bench-slack-"))
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "BRIEFBOT_SLACK_API_URL": fake.api_url,
            "PORT": str(app_port),
            "BRIEFBOT_HOST": "127.0.0.1",
            "BRIEFBOT_DATABASE_URL": f"sqlite:///{workdir / 'briefbot.db'}",
            "BRIEFBOT_ALLOW_PRIVATE_ADDRESSES": "true",
        }
        env.pop("SLACK_APP_TOKEN", None)
        if args.app == "run":  # every front end on: Slack, Discord (a fake on loopback) and the scheduler
            env |= {
                "DISCORD_TOKEN": discord.token,
                "BRIEFBOT_DISCORD_API_URL": discord.base_url,
                "BRIEFBOT_DISCORD_GATEWAY_URL": discord.gateway_url,
            }
        floor_command = [sys.executable, str(TOOLS / "bolt_bare_app.py"), "--port", str(floor_port), "--secret", SECRET]
        floor = await asyncio.create_subprocess_exec(*pinned(0, *floor_command), stdout=asyncio.subprocess.DEVNULL)
        app = await asyncio.create_subprocess_exec(
            *pinned(0, sys.executable, "-m", "bot", args.app), env=env, cwd=workdir, stderr=asyncio.subprocess.DEVNULL
        )
        try:
            await wait_listening(floor_port, "/slack/events")
            await wait_listening(app_port, "/healthz")
            idle_cpu = cpu_seconds(app.pid)
            await asyncio.sleep(args.idle)
            idle = (cpu_seconds(app.pid) - idle_cpu) / args.idle * 100, rss_mb(app.pid), tree_rss_mb(app.pid)
            rows = [
                (
                    "bare Bolt floor (ack only)",
                    await load(f"http://127.0.0.1:{floor_port}/slack/events", "x", args, sink=False),
                )
            ]
            product = f"http://127.0.0.1:{app_port}/slack/events"
            for name, text in (
                ("briefbot: /briefing <url>, first wave fetches", pages.url("/news/burials")),
                ("briefbot: /briefing <url>, from the store", pages.url("/news/burials")),
                ("briefbot: /briefing <pasted text>", article),
            ):
                before = cpu_seconds(app.pid)
                result = await load(product, text, args, sink=True)
                result["cpu_ms_per_request"] = round((cpu_seconds(app.pid) - before) * 1000 / args.requests, 1)
                rows.append((name, result))
            forged = await load(product, "x", args, sink=False, bad_signature=True)
            rss = peak_rss_mb(app.pid)
        finally:
            for process in (floor, app):
                process.terminate()
                await process.wait()
            shutil.rmtree(workdir, ignore_errors=True)
    floor_p99 = rows[0][1]["p99_ms"]
    body = []
    for name, result in rows:
        answer = result.get("response_url") or {}
        arrived = f"{answer['arrived']}/{answer['expected']}" if answer else "-"
        body.append(
            (
                name,
                result["p50_ms"],
                result["p99_ms"],
                round(result["p99_ms"] / floor_p99, 2),
                result["errors"],
                answer.get("p50_ms", "-"),
                answer.get("p99_ms", "-"),
                arrived,
                result.get("cpu_ms_per_request", "-"),
                result["client_cpu_util"],
            )
        )
    header = (
        "run",
        "ack p50 ms",
        "ack p99 ms",
        "p99 / floor",
        "errors",
        "answer p50 ms",
        "answer p99 ms",
        "answers",
        "app cpu ms/req",
        "gen cpu",
    )
    print(f"{args.requests} signed /briefing posts, {args.concurrency} in flight, {args.warmup} warm-up, loopback")
    print(table(header, body))
    print(
        f"briefbot {args.app} idle {args.idle:.0f} s: CPU {idle[0]:.2f}% of a core, RSS {idle[1]:.0f} MB"
        f" ({idle[2]:.0f} MB with the process pool's workers)"
    )
    print(f"briefbot peak RSS: {rss:.0f} MB")
    print(f"wrongly signed: {forged['got_401']}/{forged['requests']} got 401, ack p99 {forged['p99_ms']} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--app", choices=["slack", "run"], default="slack", help="`run`: briefbot run, all front ends")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds measured idle before the load")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
