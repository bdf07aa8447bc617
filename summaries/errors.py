"""One exception family whose messages are fit to show a chat user as they are."""


class BriefbotError(Exception):
    """Base of every error a user may see; `str(error)` is the message to show."""


class NoArticleFound(BriefbotError):
    """The input holds no article text worth briefing (empty, furniture only, a script stub)."""


class UnsupportedLanguage(BriefbotError):
    """The offline engine reads English; other languages get this instead of a garbled briefing."""


class InputTooLarge(BriefbotError):
    """The input is over the documented size limit and was not read."""


class NotText(BriefbotError):
    """The input is binary (an image, a PDF, an archive), not article text."""


class EmptyQuestion(BriefbotError):
    """A follow-up question with no words in it."""


class QuestionTooLong(BriefbotError):
    """A follow-up question over the length limit (most likely an article pasted in the wrong place)."""


class ModelNeeded(BriefbotError):
    """Only the model reads this article (it is not English) and the model failed: there is no offline fallback."""
