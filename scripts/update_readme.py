"""Regenerate the README's worked example from real output (the test suite checks it is current).

Usage: python scripts/update_readme.py
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from click.testing import CliRunner

from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BRIEF_CMD = "$ parley brief examples/articles.jsonl --id summit-cancelled\n"
STANDOFF_ARGS = ["standoff", "examples/articles.jsonl", "--id", "summit-cancelled", "--issue", "territory"]
STANDOFF_CMD = "$ parley " + " ".join(STANDOFF_ARGS) + "\n"


def replace_block(text: str, command: str, output: str) -> str:
    """Put ``output`` in the fenced block that follows the line ``command``."""
    head, rest = text.split(command, 1)
    _, tail = rest.split("\n```", 1)
    return head + command + output.rstrip() + "\n```" + tail


def main_() -> None:
    text = README.read_text(encoding="utf-8")
    runner = CliRunner()
    brief = runner.invoke(main, ["brief", str(ROOT / "examples" / "articles.jsonl"), "--id", "summit-cancelled"])
    text = replace_block(text, BRIEF_CMD, brief.stdout)
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in STANDOFF_ARGS]
    text = replace_block(text, STANDOFF_CMD, runner.invoke(main, args).stdout)
    match = re.search(r"printf '(.+?)\\n' > one.txt", text)
    if match:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "one.txt"
            src.write_text(match.group(1) + "\n", encoding="utf-8")
            out = runner.invoke(main, ["extract", str(src), "--date", "2025-05-03"])
        first = out.stdout.splitlines()[0]
        text = re.sub(r'^\{"record": "event", "doc_id": "one".*$', lambda _: first, text, count=1, flags=re.M)
    README.write_text(text, encoding="utf-8")
    print("README.md worked example regenerated")


if __name__ == "__main__":
    main_()
