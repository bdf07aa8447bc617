"""`GET /healthz`: 200 when the database answers, 503 otherwise; served by the web process of `briefbot run`."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.services import Runtime

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT = 3.0
"""Seconds the database has to answer; a platform's health check gives up after a few more."""


async def database_answers(runtime: Runtime, timeout: float = HEALTH_TIMEOUT) -> bool:
    try:
        store = await asyncio.wait_for(runtime.store(), timeout)
        await asyncio.wait_for(asyncio.to_thread(store.ping), timeout)
    except Exception as error:
        log.warning("Health check: the database does not answer (%s)", type(error).__name__)
        return False
    return True


def add_health_route(app: web.Application, runtime: Runtime) -> None:
    async def healthz(_request: web.Request) -> web.Response:
        if await database_answers(runtime):
            return web.Response(text="ok")
        return web.Response(status=503, text="database unavailable")

    app.router.add_get(HEALTH_PATH, healthz)
