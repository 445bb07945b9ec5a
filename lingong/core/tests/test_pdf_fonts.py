"""Which fonts a PDF declares: a few slices for a short document, the whole fonts for a long one, and a slice
still for a character the whole fonts miss (needs poppler-utils: pdftotext, pdffonts)."""

import subprocess

from lingong.core import pdf

PACKAGE = "noto-sans-sc"
WHOLE, MOST_SLICES = pdf.WHOLE_FONTS[PACKAGE]


def whole_characters() -> frozenset[int]:
    return frozenset().union(
        *(pdf._characters_of(pdf.font_file(pdf.FONTSOURCE / PACKAGE / "files" / n)) for n in WHOLE)
    )


def chinese_from_many_slices(count: int) -> str:
    """One common character (held by the whole fonts) from each of `count` different slices."""
    covered, picked, slices = whole_characters(), [], set()
    for code, indexes in sorted(pdf._slices_by_character(PACKAGE).items()):
        if 0x4E00 <= code <= 0x9FFF and code in covered and not slices & set(indexes):
            picked.append(chr(code))
            slices |= set(indexes)
        if len(picked) == count:
            return "".join(picked)
    raise AssertionError("not enough slices")


def rare_character() -> str:
    """A Chinese character that a slice holds and the whole fonts do not."""
    covered = whole_characters()
    holding = pdf._slices_by_character(PACKAGE)
    return chr(next(code for code in sorted(holding) if 0x4E00 <= code <= 0x9FFF and code not in covered))


def chinese_faces(families: list[str]) -> list[str]:
    return [f for f in families if f.startswith(pdf.CHINESE_FAMILY)]


def test_a_short_document_declares_only_the_slices_it_needs():
    _faces, families = pdf.font_faces("简易用工协议")
    assert chinese_faces(families)
    assert not [f for f in families if "whole" in f]
    assert len(chinese_faces(families)) <= MOST_SLICES


def test_a_long_document_takes_the_whole_fonts_and_a_slice_for_what_they_miss():
    rare = rare_character()
    text = chinese_from_many_slices(MOST_SLICES + 5) + rare
    _faces, families = pdf.font_faces(text)
    rare_slices = {f"{pdf.CHINESE_FAMILY} {i}" for i in pdf._slices_by_character(PACKAGE)[ord(rare)]}
    assert chinese_faces(families) == [
        f"{pdf.CHINESE_FAMILY} whole 0",
        f"{pdf.CHINESE_FAMILY} whole 1",
        *sorted(rare_slices, key=lambda f: int(f.rsplit(" ", 1)[1])),
    ]


def test_the_long_document_prints_every_character_in_noto(tmp_path):
    text = chinese_from_many_slices(MOST_SLICES + 5) + rare_character() + " ཁེ་དབང་སྲུང་སྐྱོང་ 12333"

    def render(faces: str, families: str) -> str:
        return f"<html><head><style>{faces} body {{ font-family: {families}; }}</style></head><body><p>{text}</p></body></html>"

    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.pdf_render(render))
    printed = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "".join(text.split()) in "".join(printed.split())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all("Noto" in n for n in names), names  # no fallback font from the system
