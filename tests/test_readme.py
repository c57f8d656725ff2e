"""The README's worked example is real output: it must not drift from what parley prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.issue(2)


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README


def test_readme_extract_record_matches_real_output(tmp_path):
    sentence = re.search(r"printf '(.+?)\\n' > one.txt", README).group(1)
    shown = next(line for line in README.splitlines() if line.startswith('{"record": "event", "doc_id": "one"'))
    src = tmp_path / "one.txt"
    src.write_text(sentence + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src), "--date", "2025-05-03"])
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0]) == json.loads(shown)


def test_readme_brief_matches_real_output():
    block = README.split("$ parley brief examples/articles.jsonl --id summit-cancelled\n", 1)[1].split("\n```", 1)[0]
    result = CliRunner().invoke(main, ["brief", str(ROOT / "examples" / "articles.jsonl"), "--id", "summit-cancelled"])
    assert result.exit_code == 0
    assert result.stdout.rstrip() == block.rstrip()


def test_readme_standoff_matches_real_output():
    command = "$ parley standoff examples/articles.jsonl --id summit-cancelled --issue territory\n"
    block = README.split(command, 1)[1].split("\n```", 1)[0]
    args = ["standoff", str(ROOT / "examples" / "articles.jsonl"), "--id", "summit-cancelled", "--issue", "territory"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "territory: DEADLOCK" in result.stdout
    assert result.stdout.rstrip() == block.rstrip()
