"""The PDF writes both scripts with the embedded Noto fonts (needs poppler-utils: pdftotext, pdffonts, pdftoppm)."""

import re
import subprocess

import pytest
from PIL import Image

from lingong.agreements.models import Agreement
from lingong.agreements.services import agreement_sign_employer, agreement_sign_worker
from lingong.attendance.tests.helpers import make_placement

# poppler-utils (pdftotext, pdffonts, pdftoppm) is installed by `make test`.
pytestmark = [pytest.mark.django_db]
PAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><path d="M5 20 L40 5 L90 25" stroke="black" fill="none"/></svg>'


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pdf(tmp_path, employer, job_types, staff, register_worker, client):
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    agreement = Agreement.objects.get(placement=placement)
    agreement_sign_worker(
        agreement=agreement, actor=placement.worker.user, channel="kiosk", method="pad", signature_svg=PAD
    )
    agreement_sign_employer(agreement=agreement, actor=staff, channel="window")
    client.force_login(placement.worker.user)
    response = client.get(f"/agreements/{agreement.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "agreement.pdf"
    path.write_bytes(response.content)
    agreement.refresh_from_db()
    return path, agreement


def test_the_pdf_embeds_the_noto_fonts_only(pdf):
    path, _agreement = pdf
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert any("Noto-Serif-Tibetan" in n for n in names), names
    assert any("Noto-Sans-SC" in n for n in names), names
    assert all(re.search(r"\+Noto-(Serif-Tibetan|Sans-SC)", n) for n in names), names  # no fallback font


def test_the_pdf_text_has_the_exact_chinese_and_tibetan(pdf):
    path, agreement = pdf
    text = squash(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )
    for expected in (
        "简易用工协议",
        "གྲོས་མཐུན་ཡིག་ཆ།",
        "ཕྱོགས་ཀས་བདེ་འཇགས་ཀྱི་ལས་ཀའི་ཆ་རྐྱེན་དང་དགོས་ངེས་ཀྱི་ལས་ཀའི་སྲུང་སྐྱོབ་ཡོ་བྱད་མཁོ་སྤྲོད་བྱེད་པ་དང་ལས་གནས་ཀྱི་ཉེན་ཁ",
        "甲方提供安全的工作条件和必要的劳动防护用品",
        "བབ་ཚུགས་ཀྱི་ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད་ཀྱི་སྒེའུ་ཁུང་ཨང་",
        "300 སྒོར་མོ་/ཉིན་རེ",
        "12333",
        agreement.terms["worker_id"],
        agreement.content_sha256,
        str(agreement.public_id),
    ):
        assert squash(expected) in text, expected


def test_the_tibetan_title_has_ink(pdf, tmp_path):
    path, _agreement = pdf
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")], check=True
    )
    [png] = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    title_band = image.crop((0, int(height * 0.04), width, int(height * 0.12)))
    dark = sum(title_band.histogram()[:128])
    assert dark > 300
