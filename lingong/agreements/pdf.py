"""The agreement as a PDF (WeasyPrint), with the fonts that write both languages.

Fonts are the npm @fontsource files (node_modules, installed by `npm ci`),
read through file:// URLs; never fetched at run time. Noto Sans SC comes in
~100 unicode-range slices: only the slices holding characters of this
document are declared, each as its own family so Pango falls back through
them character by character.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from lingong.core.qr import qr_data_uri

FONTSOURCE = Path(settings.BASE_DIR) / "node_modules" / "@fontsource"
TIBETAN_FAMILY = "Noto Serif Tibetan"
CHINESE_FAMILY = "Noto Sans SC"
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


def font_faces(text: str) -> tuple[str, list[str]]:
    """(@font-face CSS, family list) covering the characters of `text`."""
    used = {ord(ch) for ch in text if ord(ch) > 0x7F} | {ord("0"), ord("A")}
    faces, families = [], []
    for family, package in ((TIBETAN_FAMILY, "noto-serif-tibetan"), (CHINESE_FAMILY, "noto-sans-sc")):
        for index, (path, ranges) in enumerate(_slices(package)):
            if any(lo <= code <= hi for code in used for lo, hi in ranges):
                name = f"{family} {index}"
                families.append(name)
                faces.append(f"@font-face {{ font-family: '{name}'; src: url('{path.as_uri()}'); }}")
    return "\n".join(faces), families


SIGN_METHOD_LABELS = {
    "pad": "手写签名 / ལག་བྲིས་མིང་རྟགས།",
    "sms": "短信验证码 / འཕྲིན་ཐུང་ར་སྤྲོད་ཨང་།",
    "online": "网上签署 / དྲ་ཐོག་ནས་མིང་རྟགས་བཀོད།",
    "window": "窗口签署 / སྒེའུ་ཁུང་དུ་མིང་རྟགས་བཀོད།",
}


def agreement_pdf_html(*, agreement, verify_url: str) -> str:
    context = {
        "agreement": agreement,
        "content": agreement.content,
        "qr": qr_data_uri(verify_url),
        "verify_url": verify_url,
        "worker_method": SIGN_METHOD_LABELS.get(agreement.worker_sign_method, ""),
        "employer_method": SIGN_METHOD_LABELS.get(agreement.employer_sign_method, ""),
        "font_faces": "",
        "font_families": "sans-serif",
    }
    with translation.override("zh-hans"):
        draft = render_to_string("agreements/agreement_pdf.html", context)
        faces, families = font_faces(draft)
        context["font_faces"] = faces
        context["font_families"] = ", ".join(f"'{name}'" for name in [*families, "sans-serif"])
        return render_to_string("agreements/agreement_pdf.html", context)


def agreement_pdf(*, agreement, verify_url: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint (Pango, cairo) loads only in processes that print

    html = agreement_pdf_html(agreement=agreement, verify_url=verify_url)
    return HTML(string=html, base_url=str(FONTSOURCE)).write_pdf()
