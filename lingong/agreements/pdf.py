"""The agreement as a PDF (WeasyPrint), in both languages (fonts: `lingong.core.pdf`)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from lingong.core.pdf import pdf_render
from lingong.core.qr import qr_data_uri

SIGN_METHOD_LABELS = {
    "pad": "手写签名 / ལག་བྲིས་མིང་རྟགས།",
    "sms": "短信验证码 / ཐུང་འཕྲིན་ར་སྤྲོད་ཨང་།",
    "online": "网上签署 / དྲ་ཐོག་ནས་མིང་རྟགས་བཀོད།",
    "window": "窗口签署 / སྒེའུ་ཁུང་དུ་མིང་རྟགས་བཀོད།",
}


def _context(*, agreement, verify_url: str) -> dict:
    return {
        "agreement": agreement,
        "content": agreement.content,
        "qr": qr_data_uri(verify_url),
        "verify_url": verify_url,
        "worker_method": SIGN_METHOD_LABELS.get(agreement.worker_sign_method, ""),
        "employer_method": SIGN_METHOD_LABELS.get(agreement.employer_sign_method, ""),
    }


def agreement_pdf(*, agreement, verify_url: str) -> bytes:
    context = _context(agreement=agreement, verify_url=verify_url)

    def render(faces: str, families: str) -> str:
        with translation.override("zh-hans"):
            return render_to_string(
                "agreements/agreement_pdf.html", {**context, "font_faces": faces, "font_families": families}
            )

    return pdf_render(render)
