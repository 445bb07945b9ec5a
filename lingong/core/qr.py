"""QR codes as SVG: on screens (kiosk sign-in, attendance) and in PDFs (agreement verification)."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg


def qr_svg(text: str, *, box_size: int = 10) -> str:
    """An SVG QR code of `text`; a kiosk screen read from a phone at arm's length wants bigger boxes."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2)
    return image.to_string(encoding="unicode")


def qr_data_uri(text: str) -> str:
    """The QR code as a PNG data URI, for a PDF that must not load anything (WeasyPrint places a PNG at
    once; an SVG of a few thousand path segments costs it a quarter of a second)."""
    buffer = io.BytesIO()
    qrcode.make(text, box_size=10, border=2).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
