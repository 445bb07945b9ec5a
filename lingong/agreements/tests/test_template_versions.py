"""Template versions: the signed 2026-11-v1 text never changes; new agreements use 2026-12-v2 (the glossary's words)."""

import hashlib
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from lingong.agreements.models import Agreement
from lingong.agreements.services import (
    agreement_amend,
    agreement_render,
    agreement_sign_employer,
    agreement_sign_worker,
    agreement_terms_change,
)
from lingong.agreements.terms import AGREEMENT_TEMPLATE_VERSION, V1, content_sha256
from lingong.attendance.tests.helpers import make_placement, start_day
from lingong.core.glossary import HTML, particle_mismatches, violations

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "agreements"
# The sha256 of agreement_2026-11-v1.html as agreements were signed on it: it must never change.
V1_FILE_SHA256 = "a81b999ca73d9fb039e5f89efc17d6024453a10b0cc31302293e04993c9a0329"
PAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><path d="M5 20 L40 5" stroke="black"/></svg>'


@pytest.fixture
def agreement(employer, job_types, staff, register_worker):
    placement = make_placement(
        employer=employer,
        job_type=job_types["mover"],
        staff=staff,
        worker=register_worker(name_bo="བཀྲ་ཤིས།"),
        end=start_day() + timedelta(days=2),
    )
    return Agreement.objects.get(placement=placement)


def _v1_draft(agreement, staff) -> Agreement:
    """An agreement made before v2 existed: a v1 draft, as the database holds those."""
    Agreement.objects.filter(pk=agreement.pk).update(template_version=V1)
    agreement.refresh_from_db()
    return agreement_terms_change(agreement=agreement, actor=staff, channel="window", duties="搬运")


def test_the_signed_v1_template_is_unchanged_byte_for_byte():
    assert hashlib.sha256((TEMPLATES / "agreement_2026-11-v1.html").read_bytes()).hexdigest() == V1_FILE_SHA256


def test_new_agreements_use_v2_in_the_glossarys_words(agreement):
    assert AGREEMENT_TEMPLATE_VERSION == "2026-12-v2"
    assert agreement.template_version == agreement.terms["template_version"] == "2026-12-v2"
    content = agreement.content
    assert 'data-template-version="2026-12-v2"' in content
    day = start_day()
    end = day + timedelta(days=2)
    for text in (
        # clause 5: the station's genitive chosen by its last letter (བབ་ཚུགས → ཀྱི), no shad inside the sentence
        "ཕྱོགས་ཁས་ཀུན་བདེ་གླིང་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས་ཀྱི་ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད་ཀྱི་སྒེའུ་ཁུང་ཨང་ 4 ལ་ཞུ་གཏུག་བྱེད་པའམ་"
        "ཐོབ་ཐང་སྲུང་སྐྱོབ་ཁ་པར་ 12333 ལ་ཁ་པར་གཏོང་ཆོག",
        "300 སྒོར་མོ་/ཉིན་རེ",
        f"{day.year} ལོའི་ཟླ་ {day.month} ཚེས་ {day.day} ནས་ {end.year} ལོའི་ཟླ་ {end.month} ཚེས་ {end.day} བར",
        "དངུལ་དངོས་སམ། ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་རྩིས་ཁྲར་དངུལ་སྤོ།",
        "གཅིག་གྱུར་སྤྱི་ཚོགས་ཡིད་རྟོན་ཚབ་རྟགས།",
        "ཨང་རྟགས་གྲུ་བཞི་བཤེར་ནས",
        "བབ་ཚུགས་ཀྱི་ལས་བྱེད་པས་ཐག་གཅོད་བྱེད།",
    ):
        assert text in content, text
    for rejected in ("།ཡི", "ས་ཚིགས", "ཁེ་དབང", "ཐོ་ཁོངས", "སྤྱི་ལོ་", "རེར་སྒོར", "གནས་སྐབས་ལས་ཀ"):
        assert rejected not in content, rejected
    assert violations(content, HTML) == []
    assert particle_mismatches(content) == []


def test_a_v1_draft_keeps_rendering_v1(agreement, staff):
    draft = _v1_draft(agreement, staff)
    assert draft.template_version == draft.terms["template_version"] == V1
    assert 'data-template-version="2026-11-v1"' in draft.content
    assert "ལས་བཀོལ་གྲོས་མཐུན་ཡིག་ཆ་སྟབས་བདེ།" in draft.content
    assert "ཉིན་རེར་སྒོར་300" in draft.content
    assert f"སྤྱི་ལོ་{start_day().year} " in draft.content
    assert draft.content == agreement_render(terms=draft.terms)
    assert draft.content_sha256 == content_sha256(draft.content)


def test_a_signed_v1_agreement_keeps_its_text_and_its_amendment_is_v2(agreement, staff):
    draft = _v1_draft(agreement, staff)
    agreement_sign_worker(
        agreement=draft, actor=draft.placement.worker.user, channel="kiosk", method="pad", signature_svg=PAD
    )
    signed = agreement_sign_employer(agreement=draft, actor=staff, channel="window")
    signed.refresh_from_db()
    before = (signed.content, signed.content_sha256)
    amendment = agreement_amend(agreement=signed, actor=staff, channel="window", reason="改支付方式", pay_method="bank")
    signed.refresh_from_db()
    assert (signed.content, signed.content_sha256, signed.template_version) == (*before, V1)
    assert amendment.template_version == "2026-12-v2"
    assert "དངུལ་ཁང་བརྒྱུད་ནས་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་དངུལ་ཁང་གི་རྩིས་ཁྲར་དངུལ་སྤོ།" in amendment.content
    assert "པར་གཞི་ 1 པ་བསྒྱུར་བཅོས་བྱས་པ།" in amendment.content


def test_the_v1_pdf_prints_the_signed_v1_text(agreement, staff, client, tmp_path):
    """A PDF of an old agreement is its stored v1 text (real WeasyPrint, read back with pdftotext)."""
    draft = _v1_draft(agreement, staff)
    agreement_sign_worker(
        agreement=draft, actor=draft.placement.worker.user, channel="kiosk", method="pad", signature_svg=PAD
    )
    agreement_sign_employer(agreement=draft, actor=staff, channel="window")
    client.force_login(draft.placement.worker.user)
    response = client.get(f"/agreements/{draft.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "v1.pdf"
    path.write_bytes(response.content)
    text = "".join(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "ལས་བཀོལ་གྲོས་མཐུན་ཡིག་ཆ་སྟབས་བདེ།" in text
    assert "ཉིན་རེར་སྒོར་300" in text
    # the page around the signed text (not signed itself) uses the glossary
    assert "ཨང་རྟགས་གྲུ་བཞི་བཤེར་ནས་མིང་རྟགས་ཞིབ་བཤེར་གནང་རོགས།" in text
