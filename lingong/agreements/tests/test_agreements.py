from datetime import timedelta

import pytest
from django.db import transaction

from lingong.agreements.models import Agreement
from lingong.agreements.selectors import agreement_verify
from lingong.agreements.services import (
    agreement_amend,
    agreement_sign_code_send,
    agreement_sign_employer,
    agreement_sign_worker,
    agreement_terms_change,
)
from lingong.agreements.terms import content_sha256
from lingong.attendance.tests.helpers import make_placement, start_day
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.wages.models import WagePayment

pytestmark = pytest.mark.django_db
PAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><path d="M5 20 L40 5 L90 25" stroke="black"/></svg>'


@pytest.fixture
def agreement(employer, job_types, staff, register_worker):
    placement = make_placement(
        employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker(name_bo="བཀྲ་ཤིས།")
    )
    return Agreement.objects.get(placement=placement)


def test_the_agreement_states_the_terms_in_both_languages(agreement):
    worker = agreement.placement.worker
    assert agreement.template_version == "2026-12-v2"
    assert agreement.content_sha256 == content_sha256(agreement.content)
    for text in (
        "简易用工协议",
        "གྲོས་མཐུན་ཡིག་ཆ།",
        worker.id_number_masked,
        "91540100MA6T11117H",
        "功德林零工驿站",
        "ཀུན་བདེ་གླིང་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས་ཀྱི་ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད་ཀྱི་སྒེའུ་ཁུང་ཨང་ 4 ལ་ཞུ་གཏུག",
        "4号窗口（权益保障咨询）",
        "12333",
        "300 元/天",
        "300 སྒོར་མོ་/ཉིན་རེ",
        "བཀྲ་ཤིས།",
    ):
        assert text in agreement.content, text
    assert worker.id_number_masked.count("*") == 8
    assert agreement.terms["worker_id"] == worker.id_number_masked


def test_signed_by_both_then_frozen(agreement, staff):
    worker_user = agreement.placement.worker.user
    agreement = agreement_sign_worker(
        agreement=agreement, actor=worker_user, channel="kiosk", method="pad", signature_svg=PAD
    )
    assert agreement.status == "worker_signed"
    with pytest.raises(Conflict) as caught:
        agreement_terms_change(agreement=agreement, actor=staff, channel="window", duties="另外搬家具")
    assert caught.value.code == "agreement_frozen"
    agreement = agreement_sign_employer(agreement=agreement, actor=staff, channel="window")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.employer_sign_method, agreement.worker_sign_method) == (
        "signed",
        "window",
        "pad",
    )
    assert agreement.worker_signed_sha256 == agreement.employer_signed_sha256 == agreement.content_sha256
    before = (agreement.content, agreement.content_sha256)
    with pytest.raises(Exception) as caught, transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(content="改过的内容")
    assert "never changes" in str(caught.value)
    agreement.refresh_from_db()
    assert (agreement.content, agreement.content_sha256) == before
    assert agreement_verify(public_id=agreement.public_id).intact is True


def test_draft_terms_can_change_and_the_hash_follows(agreement, staff):
    old = agreement.content_sha256
    agreement = agreement_terms_change(
        agreement=agreement, actor=staff, channel="window", pay_method="bank", duties="搬运建材"
    )
    assert agreement.content_sha256 != old
    assert "银行转账至乙方本人账户" in agreement.content and "搬运建材" in agreement.content
    with pytest.raises(InvalidInput):
        agreement_terms_change(
            agreement=agreement, actor=staff, channel="window", pay_due_date=start_day() - timedelta(days=1)
        )


def test_an_amendment_is_a_new_version_that_supersedes_when_signed(agreement, staff):
    worker_user = agreement.placement.worker.user
    agreement_sign_worker(agreement=agreement, actor=worker_user, channel="kiosk", method="pad", signature_svg=PAD)
    agreement_sign_employer(agreement=agreement, actor=staff, channel="window")
    agreement.refresh_from_db()
    new_date = start_day() + timedelta(days=3)
    amendment = agreement_amend(
        agreement=agreement, actor=staff, channel="window", reason="雇主改为周五发薪", pay_due_date=new_date
    )
    assert (amendment.version, amendment.previous_id, amendment.status) == (2, agreement.pk, "draft")
    assert "变更自第1版" in amendment.content
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    agreement_sign_worker(agreement=amendment, actor=worker_user, channel="kiosk", method="pad", signature_svg=PAD)
    agreement_sign_employer(agreement=amendment, actor=staff, channel="window")
    agreement.refresh_from_db()
    assert agreement.status == "superseded"
    assert WagePayment.objects.get().due_date == new_date
    assert agreement_verify(public_id=agreement.public_id).superseded_by_version == 2


def test_the_worker_signs_with_the_sms_code(agreement, django_capture_on_commit_callbacks, monkeypatch):
    import lingong.notifications.codes as codes

    monkeypatch.setattr(codes.secrets, "randbelow", lambda n: 123456)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_sign_code_send(agreement=agreement, actor=agreement.placement.worker.user)
    with pytest.raises(InvalidInput):
        agreement_sign_worker(
            agreement=agreement, actor=agreement.placement.worker.user, channel="kiosk", method="sms", sms_code="000000"
        )
    assert Agreement.objects.get().status == "draft"
    agreement = agreement_sign_worker(
        agreement=agreement, actor=agreement.placement.worker.user, channel="kiosk", method="sms", sms_code="123456"
    )
    assert (agreement.status, agreement.worker_sign_method) == ("worker_signed", "sms")


def test_nobody_else_signs(agreement, register_worker, other_staff):
    with pytest.raises(NotAllowed):
        agreement_sign_worker(
            agreement=agreement, actor=register_worker().user, channel="kiosk", method="pad", signature_svg=PAD
        )
    with pytest.raises(NotAllowed):
        agreement_sign_employer(agreement=agreement, actor=other_staff, channel="window")
    assert Agreement.objects.get().status == "draft"


def test_verify_page_is_public_and_pdf_needs_access(agreement, client, register_worker):
    response = client.get(f"/agreements/verify/{agreement.public_id}/")
    assert response.status_code == 200
    assert 'data-verify="intact"' in response.content.decode()
    assert agreement.placement.worker.name not in response.content.decode()
    client.force_login(register_worker().user)
    assert client.get(f"/agreements/{agreement.pk}/pdf/").status_code == 403


@pytest.mark.django_db
def test_the_immutability_trigger_survives_the_migrations():
    """SQLite rebuilds a table when a field changes, which drops triggers; the migrations put it back."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'agreements_agreement'"
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'agreements_agreement'::regclass AND NOT tgisinternal"
            )
        assert [row[0] for row in cursor.fetchall()] == ["agreement_signed_content_immutable"]
