"""`briefbot brief` on a French article: the LLM engine briefs it (through the real openai client, streamed, against
the fake server on loopback), the offline engine refuses it by name, and a failing model says why nothing came."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli_runs import run
from tests.conftest import FRENCH_ARTICLE
from tests.fakes.openai_server import fake_openai_in_thread, reply, status
from tests.summaries.llm.test_languages import FRENCH_BRIEF, GIRAUD, MERCIER

REFUSED = "This article looks like French; the offline engine briefs English text only."


@pytest.fixture
def french_file(tmp_path):
    return shutil.copy(FRENCH_ARTICLE, tmp_path / "lyon.txt")


@pytest.fixture
def llm_server(monkeypatch, tmp_path):
    """The fake server, and the environment pointing the LLM engine at it (no key: a local server)."""
    with fake_openai_in_thread() as server:
        monkeypatch.setenv("BRIEFBOT_LLM_MODEL", "local-model")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("BRIEFBOT_LLM_TIMEOUT", "3")
        monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'briefbot.db'}")
        for name in ("OPENAI_API_KEY", "BRIEFBOT_ENGINE", "BRIEFBOT_LLM_STREAM"):
            monkeypatch.delenv(name, raising=False)
        yield server


def test_the_llm_engine_briefs_a_french_article_with_its_quotes_verified(capsys, french_file, llm_server):
    llm_server.then(reply(FRENCH_BRIEF))
    code, out, err = run(capsys, "brief", str(french_file), "--engine", "llm", "-n", "2", "-f", "json")
    assert code == 0, err
    row = json.loads(out)
    assert row["engine"] == "llm:local-model" and row["briefing"] == FRENCH_BRIEF["sentences"]
    assert [(q["text"], q["speaker"]) for q in row["quotes"] if q["key"]] == [
        (MERCIER, "Claire Mercier"),
        (GIRAUD, "Paul Giraud"),
    ]
    assert llm_server.requests[0]["stream"] is True  # streaming is the default


def test_the_offline_engine_refuses_the_french_article_by_name(capsys, french_file, llm_server):
    code, out, err = run(capsys, "brief", str(french_file), "--engine", "offline")
    assert (code, out) == (1, "")
    assert err.strip() == f"briefbot: {french_file}: {REFUSED}"
    assert not llm_server.requests


def test_the_model_failing_on_a_french_article_is_one_clear_line_not_an_offline_briefing(
    capsys, french_file, llm_server
):
    llm_server.then(status(500, {"Retry-After": "60"}))
    code, out, err = run(capsys, "brief", str(french_file), "--engine", "llm")
    assert (code, out) == (1, "")
    assert err.strip() == (
        f"briefbot: {french_file}: The model could not brief this article (the model server failed (500)), and the "
        "offline engine briefs English text only (this article looks like French). Try again later."
    )


def test_an_english_article_still_falls_back_to_the_offline_briefing(capsys, sample_copy, llm_server):
    llm_server.then(status(500, {"Retry-After": "60"}))
    code, out, err = run(capsys, "brief", str(sample_copy), "--engine", "llm", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["engine"] == "offline (fallback from llm:local-model: the model server failed (500))"


@pytest.fixture
def sample_copy(tmp_path, seed_text):
    path = tmp_path / "article.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path
