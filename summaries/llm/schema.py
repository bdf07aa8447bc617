"""The JSON the model must reply with, as a JSON Schema for servers that enforce one, and its strict reading.

Everything the model says is read into frozen values here and nothing else; whether it is true of the article is
`summaries.llm.verify`'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from summaries.errors import BriefbotError

_NULLABLE_STRING = {"type": ["string", "null"]}
BRIEF_SCHEMA: dict[str, object] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["headline", "sentences", "quotes"],
    "properties": {
        "headline": {"type": "string"},
        "sentences": {"type": "array", "items": {"type": "string"}},
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "speaker", "role"],
                "properties": {"text": {"type": "string"}, "speaker": _NULLABLE_STRING, "role": _NULLABLE_STRING},
            },
        },
    },
}
ANSWER_SCHEMA: dict[str, object] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["answer", "evidence"],
    "properties": {"answer": _NULLABLE_STRING, "evidence": _NULLABLE_STRING},
}
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class MalformedOutput(BriefbotError):
    """The model's reply is not the JSON asked for."""


@dataclass(frozen=True, slots=True)
class ModelQuote:
    text: str
    speaker: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class ModelBrief:
    headline: str
    sentences: tuple[str, ...]
    quotes: tuple[ModelQuote, ...]


@dataclass(frozen=True, slots=True)
class ModelAnswer:
    answer: str | None
    evidence: str | None


def _object(content: str) -> dict[str, Any]:
    """The one JSON object in `content`; servers without JSON mode may wrap it in a Markdown fence."""
    fenced = _FENCE.match(content)
    try:
        value = json.loads(fenced.group(1) if fenced else content)
    except json.JSONDecodeError as error:
        raise MalformedOutput(f"reply is not JSON ({error.msg})") from None
    if not isinstance(value, dict):
        raise MalformedOutput("reply is not a JSON object")
    return value


def _string(value: object, field: str, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise MalformedOutput(f"{field} is not a string")
    return value.strip() or None if nullable else value.strip()


def _list(value: object, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise MalformedOutput(f"{field} is not a list")
    return value


def parse_brief(content: str) -> ModelBrief:
    data = _object(content)
    quotes = []
    for item in _list(data.get("quotes", []), "quotes"):
        if not isinstance(item, dict):
            raise MalformedOutput("a quote is not an object")
        quotes.append(
            ModelQuote(
                _string(item.get("text"), "quote text") or "",
                _string(item.get("speaker"), "speaker", nullable=True),
                _string(item.get("role"), "role", nullable=True),
            )
        )
    sentences = [_string(s, "sentence") or "" for s in _list(data.get("sentences"), "sentences")]
    return ModelBrief(
        headline=_string(data.get("headline", ""), "headline") or "",
        sentences=tuple(s for s in sentences if s),
        quotes=tuple(q for q in quotes if q.text),
    )


def parse_answer(content: str) -> ModelAnswer:
    data = _object(content)
    if "answer" not in data:
        raise MalformedOutput("no answer field")
    return ModelAnswer(
        _string(data.get("answer"), "answer", nullable=True), _string(data.get("evidence"), "evidence", nullable=True)
    )
