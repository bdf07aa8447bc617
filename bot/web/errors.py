"""Why a page could not be fetched, in words a chat user understands; adapters show `str(error)` as it is."""

from __future__ import annotations

from summaries.errors import BriefbotError


class FetchError(BriefbotError):
    """Base of every fetching failure."""


class FetchRefused(FetchError):
    """Refused on principle, before or instead of connecting: not a web address, a private network, a redirect loop."""


class FetchTooLarge(FetchError):
    """The page is over the size limit; reading stopped at the cap."""


class FetchTimeout(FetchError):
    """The site was too slow: a connect, read or whole-fetch deadline passed."""


class NotAnArticle(FetchError):
    """The link is a PDF, an image or another file that is not a web page or feed."""


class FetchFailed(FetchError):
    """The site could not be reached or answered with an error; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
