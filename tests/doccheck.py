"""Run the console examples of a page of docs/ and compare their output with what the page quotes.

A ``console`` block holds commands (``$ ...``) each followed by the output the
page shows for it. ``run_sections()`` runs every command of the chosen
sections in one bash session (so ``export`` and ``cd`` hold from one command to
the next), in ``examples/library``, with ``python`` being the interpreter of the
test run and ``/tmp/`` standing for a temporary directory. Then each command's
real output (stdout and stderr, as a terminal shows them) must match its
quoted output, line by line:

- a line that is only ``...`` stands for any number of lines (none included);
- ``...`` inside a line stands for any text (the date in an ``ls -l`` line);
- a command shown without output must print nothing;
- a command whose quoted output has no ``CommandError`` must exit with status 0.

What differs from one run to the next is made the same on both sides first:
durations (``in 0.3 s``), byte counts (they follow the version strings a dump
records), the time a dump was written (``2026-11-26T17:09:43+00:00``) and the
patch release of Django.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Example", "clean_env", "examples_of", "mismatch", "run_sections"]

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
EXAMPLE = REPO / "examples" / "library"
MARK = "@@doccheck@@"


@dataclass
class Example:
    """One command of a console block, the output the page quotes for it, and where."""

    section: str
    line_no: int
    command: str
    expected: list[str]
    output: list[str] | None = None
    status: int | None = None


def _sections(text: str) -> dict[str, list[tuple[int, str]]]:
    """``## `` headings -> their (line number, line) pairs."""
    sections: dict[str, list[tuple[int, str]]] = {}
    current = None
    for no, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append((no, line))
    return sections


def examples_of(page: str, titles: list[str]) -> list[Example]:
    """The commands of every ``console`` block of the sections ``titles`` of ``docs/page``, in page order."""
    sections = _sections((DOCS / page).read_text(encoding="utf-8"))
    missing = [title for title in titles if title not in sections]
    if missing:
        raise LookupError(f"docs/{page} has no section {', '.join(map(repr, missing))} (it has {', '.join(sections)})")
    found: list[Example] = []
    for title in titles:
        indent = None  # of the opening fence, inside a console block
        current = None  # the command of this block whose output the lines are
        for no, line in sections[title]:
            if indent is None:
                if line.strip() == "```console":
                    indent, current = len(line) - len(line.lstrip()), None
                continue
            if line.strip().startswith("```"):
                indent = None
                continue
            text = line[indent:] if line[:indent].strip() == "" else line  # a block inside a list item is indented
            if text.startswith("$ "):
                current = Example(title, no, text[2:], [])
                found.append(current)
            elif current is not None:  # lines before a block's first command are an excerpt: not run
                current.expected.append(text)
    return found


def run_sections(examples: list[Example], tmp: Path, env: dict[str, str], answers: dict[str, tuple[str, str]] = {}) -> None:
    """Run every command in one bash session; fill in each example's output and exit status.

    ``answers`` maps a command to (prompt, what the reader types): the answer is
    its input, and shows after the prompt, as a terminal echoes it.
    """
    script = ["exec 2>&1", f'python() {{ "{sys.executable}" "$@"; }}', f"cd {EXAMPLE}"]
    for i, example in enumerate(examples):
        command = example.command.replace("/tmp/", f"{tmp}/")
        if example.command in answers:
            command = f"printf '%s\\n' {shlex.quote(answers[example.command][1])} | {command}"
        script += [f"echo '{MARK} {i}'", command, f"echo \"{MARK} status $?\""]
    result = subprocess.run(["bash", "-c", "\n".join(script)], env={**env, "PYTHONUNBUFFERED": "1"},
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
    current: Example | None = None
    for line in result.stdout.splitlines():
        if line.startswith(f"{MARK} status "):
            assert current is not None
            current.status = int(line.split()[-1])
            current = None
        elif line.startswith(f"{MARK} "):
            current = examples[int(line.split()[-1])]
            current.output = []
        elif current is not None:
            current.output.append(line.replace(f"{tmp}/", "/tmp/").replace(str(tmp), "/tmp"))
    for example in examples:
        if example.command in answers and example.output:
            prompt, typed = answers[example.command]
            text = "\n".join(example.output).replace(prompt, f"{prompt}{typed}\n", 1)
            example.output = text.split("\n")


def _normal(line: str) -> str:
    line = re.sub(r"\bin \d+\.\d s\b", "in N s", line.rstrip())
    line = re.sub(r"\(\d[\d,]* bytes\)", "(N bytes)", line)
    line = re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\b", "CREATED", line)  # when a dump was written
    return re.sub(r"\b(Django |)5\.2\.\d+\b", r"\g<1>5.2.x", line)


def _line_matches(expected: str, actual: str) -> bool:
    expected, actual = _normal(expected), _normal(actual)
    if "..." not in expected:
        return expected == actual
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None


def _block_matches(expected: list[str], actual: list[str]) -> bool:
    @functools.lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(actual)
        if expected[i].strip() == "...":
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and _line_matches(expected[i], actual[j]) and match(i + 1, j + 1)

    return match(0, 0)


def mismatch(example: Example, page: str) -> str | None:
    """Why the output the page quotes for ``example`` is not what the command printed (None: it is)."""
    where = f"docs/{page}, line {example.line_no} (section {example.section!r}): $ {example.command}"
    if example.output is None or example.status is None:
        return f"{where}: the command did not finish (an earlier one ended the session?)"
    expected = list(example.expected)
    while expected and not expected[-1].strip():
        expected.pop()
    if example.status != 0 and not any("CommandError" in line for line in expected):
        return f"{where}: exit status {example.status}, and the page shows no error. It printed:\n" + "\n".join(example.output)
    if _block_matches(expected, example.output):
        return None
    return (f"{where}: the page quotes\n" + "\n".join(f"    {line}" for line in expected)
            + "\nbut the command printed\n" + "\n".join(f"    {line}" for line in example.output))


def clean_env() -> dict[str, str]:
    """The environment of a reader's shell: none of the example's variables set, the checkout on the path."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LIBRARY_", "LM_", "DJANGO_")) and k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(REPO), LM_DB="sqlite")
    return env
