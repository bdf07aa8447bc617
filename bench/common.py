"""Where the shared data and scorers are, and how benchmarks load articles and print tables."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
TOOLS = SHARED / "tools"
OUT = ROOT / "bench" / "out"


def rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path: Path, items: Sequence[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


def run_tool(*args: str) -> str:
    """Run a shared scorer with this interpreter; its stdout is the result."""
    done = subprocess.run([sys.executable, str(TOOLS / args[0]), *args[1:]], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def table(header: Sequence[str], body: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header]] + [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in r] for r in body]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
