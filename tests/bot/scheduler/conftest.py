"""A real runtime (SQLite file, offline engine, loopback allowed), a console poster that records, a settable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bot.channels import ChannelRef
from bot.logs import request_id
from bot.replies import DigestReply, Reply
from bot.services import Runtime
from bot.settings import Settings
from tests.bot.store.conftest import database_url, postgres_base, postgres_url, sqlite_url  # noqa: F401 (fixtures)


def settings_for(url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"database_url": url, "allow_private_addresses": True, "first_poll_latest": 0}
    return Settings(**{**values, **overrides})  # type: ignore[arg-type]


class Clock:
    """The scheduler's notion of now, moved by the test: fire times are computed, never waited for."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: str, time: str, zone: str = "UTC") -> datetime:
        self.now = datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=ZoneInfo(zone))
        return self.now


class Recorder:
    """A poster as front ends register one: records each reply and the request id it was posted under; `fail`
    makes the next posts raise it."""

    def __init__(self) -> None:
        self.posts: list[tuple[ChannelRef, Reply]] = []
        self.request_ids: list[str | None] = []
        self.fail: Exception | None = None

    async def __call__(self, ref: ChannelRef, reply: Reply) -> str:
        if self.fail is not None:
            raise self.fail
        self.posts.append((ref, reply))
        self.request_ids.append(request_id.get())
        return str(len(self.posts))

    def digests(self, ref: ChannelRef | None = None) -> list[DigestReply]:
        return [r for c, r in self.posts if isinstance(r, DigestReply) and (ref is None or c == ref)]

    def urls(self, ref: ChannelRef | None = None) -> list[str | None]:
        return [s.url for d in self.digests(ref) for s in (*d.stories, *d.more)]


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest_asyncio.fixture
async def runtime(tmp_path: Path, recorder: Recorder) -> AsyncIterator[Runtime]:
    async with Runtime(settings_for(f"sqlite:///{tmp_path / 'briefbot.db'}")) as opened:
        opened.register_poster("console", recorder)
        opened.register_poster("slack", recorder)
        yield opened
