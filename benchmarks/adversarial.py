"""Adversarial briefing files, each just under the default size cap, for the hostile-input benchmark row.

    python -m benchmarks.adversarial OUT_DIR

Each file is small for its cost: the kinds of input that once took minutes
(quadratic locating, exponential matching, huge fields) grown to the cap.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

CAP = 2 * 1024 * 1024 - 4096  # just under the default --max-file-size
HEAD = "title: T\ndate: 2025-01-01\nmeetings:\n"


def _fill(prefix: str, unit: str, suffix: str = "") -> str:
    count = (CAP - len(prefix) - len(suffix)) // len(unit)
    return prefix + unit * count + suffix


FILES: dict[str, Callable[[], str]] = {
    # 100,000+ problems of one kind: each must be found in one pass, and only the first reported in full.
    "unknown-keys.yaml": lambda: HEAD + "  - {title: k, participants: [a]}\n" + "".join(
        f"k{n}: v\n" for n in range(CAP // 10)
    )[: CAP - 80],
    "documents.yaml": lambda: _fill("", "--- a\n"),
    "flow-list.yaml": lambda: _fill("title: F\ndate: 2025-01-01\nmeetings: [", "x,", "x]\n"),
    "bad-dates.yaml": lambda: _fill(HEAD, "  - {title: t, date: 2025-02-30, participants: [a]}\n"),
    # Fields as long as a file may hold.
    "newline-title.yaml": lambda: HEAD + '  - participants: [a]\n    title: "x' + "\\n" * ((CAP - 80) // 2) + 'y"\n',
    "many-participants.yaml": lambda: HEAD + "  - title: Many\n    participants: [" + ", ".join(
        f"p{n}" for n in range(CAP // 9)
    )[: CAP - 60].rsplit(",", 1)[0] + "]\n",
    "repeated-word.yaml": lambda: HEAD + "  - title: India\n    participants: [a]\n    summary: "
    + json.dumps("india " * ((CAP - 100) // 6)) + "\n",
    "long-name.yaml": lambda: HEAD + "  - title: Long name\n    participants: [" + json.dumps(
        "abcdefghijklmnopqrstuvwxyz" * ((CAP - 100) // 26)
    ) + "]\n",
    "deep-flow.yaml": lambda: _fill("", "[", "") [: CAP // 2] + "]" * (CAP // 2 - 10),
}  # fmt: skip


def generate(folder: Path) -> list[Path]:
    """Write every adversarial file into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in FILES.items():
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        assert path.stat().st_size < CAP + 4096, name
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    for path in generate(args.out):
        print(f"{path.stat().st_size:>9,}  {path}")


if __name__ == "__main__":
    main()
