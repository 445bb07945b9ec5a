"""Extraction as `makemessages` does it finds nothing missing or untranslated.

Django's own template-to-gettext conversion (`templatize`) and xgettext with
makemessages' keywords run into a temporary directory over the code and the
templates (tests left out); every msgid found must be translated, neither
empty nor fuzzy, in both catalogues. The real catalogues are only read.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR, "lingong")
LOCALES = ("zh_Hans", "bo")
# The keywords makemessages passes to xgettext for the "django" domain (xgettext adds gettext, ngettext, _ …).
KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]


def _is_source(path: Path) -> bool:
    parts = set(path.relative_to(ROOT).parts)
    return (
        not ({"tests", "testing", "__pycache__", "node_modules"} & parts)
        and not path.name.startswith("test_")
        and path.name != "conftest.py"
    )


def parse_po(text: str) -> dict[tuple[str, str], tuple[str, bool]]:
    """{(msgctxt, msgid): (first msgstr, fuzzy)}; strings kept as written (escapes and all)."""
    result: dict[tuple[str, str], tuple[str, bool]] = {}
    fields: dict[str, str] = {}
    fuzzy, target = False, None

    def flush():
        if fields.get("msgid"):
            result[(fields.get("msgctxt", ""), fields["msgid"])] = (
                fields.get("msgstr", fields.get("msgstr[0]", "")),
                fuzzy,
            )

    for line in text.splitlines() + [""]:
        if not line.strip():
            flush()
            fields, fuzzy, target = {}, False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and target:
            fields[target] += line.strip()[1:-1]
        else:
            keyword, _space, value = line.partition(" ")
            target = keyword
            fields[target] = value.strip()[1:-1]
    return result


def extract() -> dict[tuple[str, str], tuple[str, bool]]:
    with tempfile.TemporaryDirectory() as folder:
        files = [str(p) for p in ROOT.rglob("*.py") if _is_source(p)]
        for index, template in enumerate(p for p in ROOT.rglob("*") if p.suffix in (".html", ".txt") and _is_source(p)):
            converted = Path(folder) / f"{index}-{template.name}.py"
            converted.write_text(
                templatize(template.read_text(encoding="utf-8"), origin=str(template)), encoding="utf-8"
            )
            files.append(str(converted))
        listing = Path(folder) / "files.txt"
        listing.write_text("\n".join(files), encoding="utf-8")
        run = subprocess.run(
            [
                "xgettext",
                "--language=Python",
                "--from-code=UTF-8",
                "--no-wrap",
                *KEYWORDS,
                f"--files-from={listing}",
                "--output=-",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return parse_po(run.stdout)


def catalogue(locale: str) -> dict[tuple[str, str], tuple[str, bool]]:
    path = Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"
    unwrapped = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, text=True, check=True).stdout
    return parse_po(unwrapped)


def test_parse_po_reads_context_plural_and_fuzzy():
    parsed = parse_po(
        'msgctxt "door"\nmsgid "Open"\nmsgstr "开"\n\n#, fuzzy\nmsgid "One"\nmsgid_plural "Many"\n'
        'msgstr[0] "多"\n\nmsgid ""\n"Long "\n"text"\nmsgstr ""\n'
    )
    assert parsed == {("door", "Open"): ("开", False), ("", "One"): ("多", True), ("", "Long text"): ("", False)}


@pytest.fixture(scope="module")
def in_code():
    found = extract()
    assert len(found) > 1000  # the extraction really ran over the code and the templates
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_in_the_code_is_translated(in_code, locale):
    translations = catalogue(locale)
    missing = sorted(msgid for msgid in in_code if msgid not in translations)
    untranslated = sorted(
        msgid for msgid in in_code if msgid in translations and (not translations[msgid][0] or translations[msgid][1])
    )
    assert (missing, untranslated) == ([], [])
