"""A stand-in for Slack's Web API on loopback, for the digest benchmark: chat.postMessage at Slack's rate limit.

Each channel takes 1 message a second (a faster one gets 429 with Retry-After, as Slack answers); GET /stats
tells how many messages arrived, how many were refused, and when the last one arrived (time.time()).
Run: python -m bench.fake_slack PORT
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from aiohttp import web

PER_CHANNEL_INTERVAL = 1.0
TOLERANCE = 0.2  # Slack allows short bursts over 1 a second


def app() -> web.Application:
    last: dict[str, float] = defaultdict(float)
    stats = {"posted": 0, "refused": 0, "last_posted_at": 0.0}

    async def post_message(request: web.Request) -> web.Response:
        form = await request.post() if request.content_type != "application/json" else await request.json()
        channel = str(form.get("channel"))
        now = time.time()
        if now - last[channel] < PER_CHANNEL_INTERVAL - TOLERANCE:
            stats["refused"] += 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"})
        last[channel] = now
        stats["posted"] += 1
        stats["last_posted_at"] = now
        return web.json_response({"ok": True, "channel": channel, "ts": f"{now:.6f}"})

    async def get_stats(request: web.Request) -> web.Response:
        return web.json_response(stats)

    application = web.Application()
    application.router.add_post("/api/chat.postMessage", post_message)
    application.router.add_get("/stats", get_stats)
    return application


if __name__ == "__main__":
    web.run_app(app(), host="127.0.0.1", port=int(sys.argv[1]), print=None)
