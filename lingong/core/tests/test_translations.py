"""Every user-facing message exists in zh-hans and bo (CI fails otherwise)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

LOCALES = ("zh_Hans", "bo")


def catalog(locale: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"


def entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each entry; enough of the .po grammar for makemessages output."""
    result, msgid, msgstr, fuzzy, target = [], None, None, False, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, target = line[6:].strip('"'), "id"
        elif line.startswith("msgid_plural"):
            target = None
        elif line.startswith("msgstr"):
            msgstr, target = line.split(" ", 1)[1].strip('"'), "str"
        elif line.startswith('"') and target:
            if target == "id":
                msgid += line.strip('"')
            else:
                msgstr += line.strip('"')
        elif not line.strip() and msgid is not None:
            result.append((msgid, msgstr, fuzzy))
            msgid, msgstr, fuzzy, target = None, None, False, None
    return [e for e in result if e[0]]  # the header has an empty msgid


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_compiles_cleanly(locale):
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog(locale))], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale):
    missing = [msgid for msgid, msgstr, fuzzy in entries(catalog(locale)) if not msgstr or fuzzy]
    assert missing == []


def test_catalogs_cover_the_code():
    """makemessages would add nothing: the catalogs list every msgid in the code."""
    run = subprocess.run(
        [
            "xgettext",
            "--from-code=UTF-8",
            "-L",
            "Python",
            "--keyword=_",
            "--keyword=gettext_lazy",
            "--keyword=gettext",
            "--keyword=ngettext:1,2",
            "--keyword=pgettext:1c,2",
            "-o",
            "-",
            *[
                str(p)
                for p in Path(settings.BASE_DIR, "lingong").rglob("*.py")
                if "tests" not in p.parts and "migrations" not in p.parts
            ],
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    in_code = {msgid for msgid, _str, _f in entries_from_text(run.stdout)}
    in_catalog = {msgid for msgid, _str, _f in entries(catalog("bo"))}
    assert sorted(in_code - in_catalog) == []


def entries_from_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "messages.po"
        path.write_text(text, encoding="utf-8")
        return entries(path)


_TEMPLATE_MSG = re.compile(r'{%\s*(?:translate|trans)\s+"([^"]+)"')


def test_catalogs_cover_the_templates():
    in_catalog = {msgid for msgid, _str, _f in entries(catalog("bo"))}
    missing = []
    for path in Path(settings.BASE_DIR, "lingong").rglob("*.html"):
        for msgid in _TEMPLATE_MSG.findall(path.read_text(encoding="utf-8")):
            if msgid not in in_catalog:
                missing.append((path.name, msgid))
    assert missing == []
