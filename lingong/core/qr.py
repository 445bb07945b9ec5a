"""QR codes as SVG: on screens (kiosk sign-in, attendance) and in PDFs (agreement verification)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg


def qr_svg(text: str, *, box_size: int = 10) -> str:
    """An SVG QR code of `text`; a kiosk screen read from a phone at arm's length wants bigger boxes."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2)
    return image.to_string(encoding="unicode")


def qr_data_uri(text: str) -> str:
    """The same QR code as a data URI, for a PDF that must not load anything."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text).encode()).decode()
