#!/usr/bin/env python3
"""Spell-check the Tibetan catalogue with Debian's hunspell-bo.

Usage: python scripts/bo_spellcheck.py [--strict] [path/to/django.po]

hunspell-bo checks Tibetan at the level of the syllable (ཚེག་བར): that each
syllable is a well-formed stack of prefix, root, vowel, suffix and second
suffix, or one of its listed exceptions (Sanskrit stacks, transcriptions).
This script takes every syllable of every msgstr in the bo catalogue, asks
`hunspell -d bo -l` which of them it does not know, and prints each unknown
syllable with its count and the msgids it appears in. Syllables that are
right but unknown to hunspell-bo (names and transcriptions) are kept in
lingong/locale/bo/spellcheck-allow.txt, in groups, each with a one-line
reason (`# …`) above it.

Exits 0 after the report; with --strict, 1 when a syllable is neither known
to hunspell-bo nor in the allow list (CI's test does this:
lingong/core/tests/test_bo_spellcheck.py); 2 when hunspell or the bo
dictionary is missing (`make system-deps` installs both).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "lingong" / "locale" / "bo" / "LC_MESSAGES" / "django.po"
ALLOW_LIST = ROOT / "lingong" / "locale" / "bo" / "spellcheck-allow.txt"
DICTIONARY = "bo"
# A syllable: root letters, vowel signs and marks, subjoined letters (no tsheg, shad, digits or Latin).
SYLLABLE = re.compile("[\u0f40-\u0f6c\u0f71-\u0f87\u0f90-\u0fbc]+")


def syllables(po: polib.POFile) -> tuple[Counter, dict[str, list[str]]]:
    """How often each syllable occurs in the msgstrs, and the msgids it occurs in."""
    counts: Counter = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    for entry in po:
        if entry.obsolete:
            continue
        for text in (entry.msgstr, *entry.msgstr_plural.values()):
            for syllable in SYLLABLE.findall(text):
                counts[syllable] += 1
                if entry.msgid not in where[syllable]:
                    where[syllable].append(entry.msgid)
    return counts, where


def hunspell_unknown(words) -> set[str]:
    """The words hunspell's bo dictionary does not accept."""
    words = sorted(words)
    if not words:
        return set()
    result = subprocess.run(
        ["hunspell", "-d", DICTIONARY, "-l"], input="\n".join(words) + "\n", capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def allow_list(path: Path = ALLOW_LIST) -> dict[str, str]:
    """Each allowed syllable with the reason of its group (the `# …` line above it)."""
    allowed, reason = {}, ""
    if not path.exists():
        return allowed
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            reason = line.lstrip("# ").strip()
        elif line:
            allowed[line] = reason
    return allowed


def available() -> str:
    """'' when hunspell and its bo dictionary are there, else what is missing."""
    if shutil.which("hunspell") is None:
        return "hunspell is not installed (Debian package hunspell; `make system-deps`)"
    found = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True).stderr
    if not re.search(r"/bo(_[A-Z]{2})?$", found, re.M):
        return "the Tibetan dictionary is not installed (Debian package hunspell-bo; `make system-deps`)"
    return ""


def report(path: Path = CATALOGUE) -> tuple[list[str], list[str]]:
    """(report lines, the syllables neither hunspell-bo nor the allow list knows)."""
    counts, where = syllables(polib.pofile(str(path)))
    unknown = hunspell_unknown(counts)
    allowed = allow_list()
    lines = [
        f"{len(counts)} distinct Tibetan syllables in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}; {len(unknown)} unknown to hunspell-bo"
    ]
    new = []
    for syllable in sorted(unknown, key=lambda s: (-counts[s], s)):
        if syllable in allowed:
            status = f"allowed: {allowed[syllable]}"
        else:
            status = "NEW: fix the msgstr or add it to the allow list with a reason"
            new.append(syllable)
        msgids = "; ".join(m.replace("\n", " ")[:60] for m in where[syllable][:3])
        more = f" (+{len(where[syllable]) - 3} more)" if len(where[syllable]) > 3 else ""
        lines.append(f"{syllable}\t{counts[syllable]}\t{status}\t{msgids}{more}")
    stale = sorted(set(allowed) - unknown)
    if stale:
        lines.append(f"allowed but no longer unknown (may be removed from the allow list): {' '.join(stale)}")
    return lines, new


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--strict"]
    missing = available()
    if missing:
        print(f"bo spell check: {missing}", file=sys.stderr)
        return 2
    lines, new = report(Path(args[0]).resolve() if args else CATALOGUE)
    print("\n".join(lines))
    if new:
        print(f"{len(new)} new unknown syllable(s): {' '.join(new)}", file=sys.stderr)
        return 1 if "--strict" in argv else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
