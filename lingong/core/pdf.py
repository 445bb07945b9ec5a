"""PDFs (WeasyPrint) in Chinese and Tibetan, with the fonts each document needs, prepared once.

Fonts are the npm @fontsource files (node_modules, installed by `npm ci`), never
fetched at run time. Noto Sans SC comes in ~100 unicode-range slices: only the
slices holding characters of the document are declared, each as its own
family, so Pango falls back through them character by character and the PDF
embeds small subsets. WeasyPrint would decompress every WOFF2 slice again for
each document (about 0.1 s each, seconds for an agreement); each slice is
decompressed once to TrueType under VAR_DIR/cache/fonts instead (written
atomically, keyed by name, size and time, so concurrent processes are safe).
`manage.py pdf_fonts_prepare` does them all ahead (make run, the deploy).

A document that needs many Chinese slices (the evidence file: a whole case's
history) is faster with the package's whole fonts for Latin and simplified
Chinese: Pango then searches two fonts, not dozens; slices are declared only
for the characters those miss (a rare character in a name).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.conf import settings

FONTSOURCE = Path(settings.BASE_DIR) / "node_modules" / "@fontsource"
TIBETAN_FAMILY = "Noto Serif Tibetan"
CHINESE_FAMILY = "Noto Sans SC"
PACKAGES = ((TIBETAN_FAMILY, "noto-serif-tibetan"), (CHINESE_FAMILY, "noto-sans-sc"))
# (package, its whole fonts, and the number of slices a document may need before they are used instead)
WHOLE_FONTS = {
    "noto-sans-sc": (
        ("noto-sans-sc-latin-400-normal.woff2", "noto-sans-sc-chinese-simplified-400-normal.woff2"),
        12,
    ),
}
_FACE = re.compile(r"src: url\(\./(files/[^)]+\.woff2)\).*?unicode-range: ([^;]+);", re.S)


def _ranges(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in text.split(","):
        lo, _, hi = part.strip()[2:].partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return tuple(out)


@lru_cache(maxsize=4)
def _slices(package: str) -> tuple[tuple[Path, tuple[tuple[int, int], ...]], ...]:
    css = (FONTSOURCE / package / "400.css").read_text()
    return tuple((FONTSOURCE / package / m.group(1), _ranges(m.group(2))) for m in _FACE.finditer(css))


@lru_cache(maxsize=4)
def _slices_by_character(package: str) -> dict[int, tuple[int, ...]]:
    """Which slices of `package` hold each character (looked up per document, so built once)."""
    found: dict[int, list[int]] = {}
    for index, (_path, ranges) in enumerate(_slices(package)):
        for lo, hi in ranges:
            for code in range(lo, hi + 1):
                found.setdefault(code, []).append(index)
    return {code: tuple(indexes) for code, indexes in found.items()}


@lru_cache(maxsize=512)
def font_file(source: Path) -> Path:
    """The WOFF2 `source` as TrueType, decompressed once into the cache."""
    stat = source.stat()
    cache_dir = Path(settings.VAR_DIR) / "cache" / "fonts"
    target = cache_dir / f"{source.stem}-{stat.st_size}-{int(stat.st_mtime)}.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont  # noqa: PLC0415  only when the cache is cold

        cache_dir.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(source))
        font.flavor = None
        with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".tmp", delete=False) as handle:
            font.save(handle)
        os.replace(handle.name, target)
    return target


@lru_cache(maxsize=8)
def _characters_of(font: Path) -> frozenset[int]:
    """The characters a (decompressed) font holds, read once."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415  only for documents that use whole fonts

    return frozenset(TTFont(str(font), lazy=True).getBestCmap())


def font_faces(text: str) -> tuple[str, list[str]]:
    """(@font-face CSS, family list) covering the characters of `text`."""
    used = {ord(ch) for ch in text if ord(ch) > 0x7F} | {ord("0"), ord("A")}
    faces, families = [], []

    def declare(name: str, source: Path) -> None:
        families.append(name)
        faces.append(
            f"@font-face {{ font-family: '{name}'; src: url('{font_file(source).as_uri()}') format('truetype'); }}"
        )

    for family, package in PACKAGES:
        holding = _slices_by_character(package)
        needed = {index for code in used for index in holding.get(code, ())}
        whole, most_slices = WHOLE_FONTS.get(package, ((), len(holding)))
        if len(needed) > most_slices:
            missing = set(used)
            for number, name in enumerate(whole):
                source = FONTSOURCE / package / "files" / name
                declare(f"{family} whole {number}", source)
                missing -= _characters_of(font_file(source))
            needed = {index for code in missing for index in holding.get(code, ())}
        slices = _slices(package)
        for index in sorted(needed):
            declare(f"{family} {index}", slices[index][0])
    return "\n".join(faces), families


def fonts_prepare() -> int:
    """Decompress every slice ahead of the first document; returns how many there are."""
    count = 0
    for _family, package in PACKAGES:
        for path, _ranges_of_slice in _slices(package):
            font_file(path)
            count += 1
        for name in WHOLE_FONTS.get(package, ((), 0))[0]:
            _characters_of(font_file(FONTSOURCE / package / "files" / name))
            count += 1
    return count


def pdf_render(render: Callable[[str, str], str]) -> bytes:
    """A PDF from `render(font_faces_css, font_families)`: rendered once to see its characters, then with
    the fonts those need."""
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint (Pango, cairo) loads only in processes that print

    faces, families = font_faces(render("", "sans-serif"))
    html = render(faces, ", ".join(f"'{name}'" for name in [*families, "sans-serif"]))
    return HTML(string=html, base_url=str(FONTSOURCE)).write_pdf()
