import json
import subprocess
import sys

import pytest

from bot.cli import SAMPLE_ARTICLE, main
from tests.cli_runs import run
from tests.conftest import SHARED


@pytest.fixture
def sample_copy(tmp_path, seed_text):
    path = tmp_path / "article.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_brief_json_contract(capsys, sample_copy):
    code, out, err = run(capsys, "brief", str(sample_copy), "--format", "json", "--sentences", "3")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    assert row["title"] == "Biden allows Ukraine to use US arms to strike inside Russia"
    assert len(row["briefing"]) == 3 and all(isinstance(s, str) for s in row["briefing"])
    assert row["quotes"] and {"text", "speaker", "role", "key"} <= set(row["quotes"][0])
    assert row["quotes"][0]["link"] is None  # a file has no page to link into
    assert any(q["key"] for q in row["quotes"])


def test_ask_json_contract_when_answered_and_when_not(capsys, sample_copy):
    code, out, _ = run(capsys, "ask", str(sample_copy), "What range do ATACMS rockets have?", "-f", "json")
    row = json.loads(out)
    assert code == 0 and set(row) == {"question", "answer", "evidence"} and "190 miles" in row["evidence"]
    code, out, _ = run(capsys, "ask", str(sample_copy), "Who won the football World Cup in Qatar?", "-f", "json")
    assert json.loads(out) == {"question": "Who won the football World Cup in Qatar?", "answer": None, "evidence": None}


def test_several_paths_one_bad_the_rest_still_briefed(capsys, sample_copy, tmp_path):
    code, out, err = run(capsys, "brief", str(tmp_path / "missing.txt"), str(sample_copy), "-f", "json")
    assert code == 1
    assert len(out.splitlines()) == 2 and "error" in json.loads(out.splitlines()[0])  # one line per input
    assert err.strip() == f"briefbot: {tmp_path / 'missing.txt'}: no such file."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n ", "is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_unreadable_inputs_get_one_line_errors(capsys, tmp_path, content, message):
    path = tmp_path / "input"
    path.write_bytes(content)
    code, out, err = run(capsys, "brief", str(path))
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_fifty_megabyte_file_is_refused_without_reading_it(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _, err = run(capsys, "brief", str(path))
    assert code == 1
    assert "52.4 MB is over the 2 MB limit" in err


def test_empty_question_is_refused(capsys, sample_copy):
    code, out, err = run(capsys, "ask", str(sample_copy), "   ")
    assert code == 1 and out == ""
    assert "Ask a question" in err


def test_sentences_out_of_range_is_a_usage_error(capsys, sample_copy):
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", str(sample_copy), "--sentences", "40"])
    assert exit_info.value.code == 2


def test_markdown_format(capsys, sample_copy):
    code, out, _ = run(capsys, "brief", str(sample_copy), "-f", "markdown")
    assert code == 0
    assert out.startswith("## Biden allows Ukraine") and "### Key quotes" in out


def test_no_command_briefs_the_bundled_sample_through_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "bot"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Biden allows Ukraine to use US arms to strike inside Russia")
    assert "Key quotes" in done.stdout
    assert SAMPLE_ARTICLE.exists()


def test_stdin_input(seed_text):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "brief", "-", "-f", "json"], input=seed_text, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"].startswith("Biden allows")


def test_very_long_text_is_briefed_in_part_with_a_warning(capsys, tmp_path, seed_text):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([seed_text] * 150), encoding="utf-8")  # about 1 MB
    code, out, err = run(capsys, "brief", str(path), "-f", "json")
    assert code == 0
    assert json.loads(out)["briefing"]
    assert "only its first part was briefed" in err


def test_saved_web_page_is_extracted_not_read_as_text(capsys):
    page = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"
    if not page.exists():
        pytest.skip("../shared/data is not beside the repository")
    code, out, _ = run(capsys, "brief", str(page), "-f", "json")
    row = json.loads(out)
    assert code == 0
    assert row["title"] == "New York ramps up mass burials amid virus outbreak"
    assert not any("<" in sentence for sentence in row["briefing"])


def test_untitled_text_does_not_repeat_its_headline_as_a_bullet(capsys, tmp_path):
    path = tmp_path / "untitled.txt"
    path.write_text(
        "Two American women have reportedly been arrested for carving their initials into a wall with a coin "
        "inside Rome's Colosseum. Daily Italian newspaper La Stampa says the women, aged 21 and 25, were spotted "
        "carrying out the act by fellow tourists, who then told security. The two letters were about eight inches "
        "in length and scratched on a brick wall.",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "brief", str(path))
    assert code == 0
    assert out.count("carving their initials") == 1


def test_a_stray_bad_byte_does_not_turn_utf8_into_mojibake(seed_text):
    data = seed_text.encode("utf-8") + b"\xff\xfe\xc3"
    done = subprocess.run([sys.executable, "-m", "bot", "brief", "-", "-f", "json"], input=data, capture_output=True)
    assert done.returncode == 0
    assert "Â" not in done.stdout.decode("utf-8")


def test_utf16_file_with_a_bom_is_read(capsys, tmp_path, seed_text):
    path = tmp_path / "utf16.txt"
    path.write_bytes(seed_text.encode("utf-16"))
    code, out, _ = run(capsys, "brief", str(path), "-f", "json")
    assert code == 0 and json.loads(out)["title"].startswith("Biden allows")


def test_a_local_file_named_like_a_site_is_read_as_a_file(capsys, tmp_path, seed_text, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "www.article.txt").write_text(seed_text, encoding="utf-8")
    code, out, _ = run(capsys, "brief", "www.article.txt", "-f", "json")
    assert code == 0 and json.loads(out)["title"].startswith("Biden allows")


def test_question_in_another_script_is_not_called_empty(capsys, sample_copy):
    code, out, err = run(capsys, "ask", str(sample_copy), "谁说的？", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["answer"] is None


def test_malformed_link_among_files_gets_one_line_and_the_rest_are_briefed(capsys, sample_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    code, out, err = run(capsys, "brief", "http://[::1/", str(sample_copy), "-f", "json")
    assert code == 1
    assert len(out.splitlines()) == 2 and "error" in json.loads(out.splitlines()[0])  # one line per input
    assert err.startswith("briefbot: ") and len(err.strip().splitlines()) == 1


def test_the_llm_engine_without_a_model_is_one_line_naming_the_setting(capsys, sample_copy, monkeypatch):
    monkeypatch.delenv("BRIEFBOT_LLM_MODEL", raising=False)
    code, out, err = run(capsys, "brief", str(sample_copy), "--engine", "llm")
    assert code == 1 and out == ""
    assert err.strip() == (
        "briefbot: The LLM engine needs a model: set BRIEFBOT_LLM_MODEL to the model your server runs."
    )
