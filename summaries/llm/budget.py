"""The daily token budget: prompt plus completion tokens per UTC day, counted in this process."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

logger = logging.getLogger(__name__)


def utc_today() -> date:
    return datetime.now(UTC).date()


class DailyTokenBudget:
    """Refuses a request that could take the day's total over `limit`; `today` is injectable for tests."""

    def __init__(self, limit: int, *, today: Callable[[], date] = utc_today) -> None:
        self.limit = limit
        self._today = today
        self._day = today()
        self._used = 0

    @property
    def used(self) -> int:
        self._roll()
        return self._used

    def allows(self, estimate: int) -> bool:
        """Whether a request of about `estimate` tokens fits in what is left today."""
        return self.used + estimate <= self.limit

    def spend(self, tokens: int, *, model: str, prompt: int, completion: int) -> None:
        self._roll()
        self._used += tokens
        logger.info(
            "llm tokens model=%s prompt=%d completion=%d total=%d day=%d/%d",
            model, prompt, completion, tokens, self._used, self.limit,
        )  # fmt: skip

    def _roll(self) -> None:
        today = self._today()
        if today != self._day:
            self._day, self._used = today, 0
