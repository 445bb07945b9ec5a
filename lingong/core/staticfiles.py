"""Which files `collectstatic` gathers from the project's static folders.

The @fontsource packages carry nine weights of each font, each in woff and woff2, with a stylesheet per weight
and per script. The pages load weights 400 and 700 only (templates/fonts.html), so only those two stylesheets
and their files are collected: two ninths of 163 MB to copy, hash and serve (`make run` starts that much
sooner). A template asking for another weight would get a 404 in production: a test checks fonts.html.
"""

from __future__ import annotations

import re

from django.contrib.staticfiles.finders import FileSystemFinder

FONT_WEIGHTS = ("400", "700")
_FONT_FILE = re.compile(rf"^files/[\w-]+-({'|'.join(FONT_WEIGHTS)})-normal\.woff2?$")
_FONT_KEEP = {f"{weight}.css" for weight in FONT_WEIGHTS} | {"LICENSE"}


def font_file_used(path: str) -> bool:
    """Whether a file of a font package (its path inside the package) is one the pages load."""
    path = path.replace("\\", "/")
    return path in _FONT_KEEP or bool(_FONT_FILE.match(path))


class UsedFontsFinder(FileSystemFinder):
    """Django's FileSystemFinder, listing from the font packages (prefix `fonts/`) only what the pages use."""

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if getattr(storage, "prefix", None) and storage.prefix.startswith("fonts/") and not font_file_used(path):
                continue
            yield path, storage
