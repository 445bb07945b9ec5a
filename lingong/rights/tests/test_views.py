import pytest

from lingong.rights.models import RightsCase

pytestmark = [pytest.mark.django_db]


def test_intake_detail_mediation_outcome_close_and_pdf(client, officer, worker, employer, today):
    client.force_login(officer)
    response = client.post(
        "/rights/new/",
        {
            "worker_ids": str(worker.pk),
            "employer_id": employer.pk,
            "kind": "wage_arrears",
            "amount_claimed": "900",
            "description": "三天工资没给",
            "channel": "window",
        },
    )
    case = RightsCase.objects.get()
    assert response.status_code == 302 and response.url == f"/rights/{case.pk}/"
    assert (case.amount_claimed_fen, case.kind, case.opened_by_id) == (90000, "wage_arrears", officer.pk)
    page = client.get(f"/rights/{case.pk}/").content.decode()
    assert "三天工资没给" in page and "案件已立案 (— → 待处理)" in page and "900\u00a0元" in page
    assert "case_open" not in page and "→ open" not in page  # the timeline shows labels, never codes
    assert (
        client.post(
            f"/rights/{case.pk}/mediation/",
            {"held_on": today.isoformat(), "attendees": "扎西、卓玛", "result": "agreed", "amount_agreed": "800"},
        ).status_code
        == 302
    )
    assert (
        client.post(f"/rights/{case.pk}/outcome/", {"outcome": "recovered", "amount_recovered": ""}).status_code == 400
    )
    assert (
        client.post(f"/rights/{case.pk}/outcome/", {"outcome": "recovered", "amount_recovered": "800"}).status_code
        == 302
    )
    assert client.post(f"/rights/{case.pk}/close/").status_code == 302
    case.refresh_from_db()
    assert (case.status, case.amount_recovered_fen) == ("closed", 80000)
    pdf = client.get(f"/rights/{case.pk}/evidence.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    listing = client.get("/rights/").content.decode()
    assert f'href="/rights/{case.pk}/"' in listing


def test_intake_finds_the_worker_by_phone(client, staff, worker, employer):
    client.force_login(staff)
    client.post(
        "/rights/new/",
        {
            "worker_ids": "13900000001",
            "employer_id": employer.pk,
            "kind": "injury",
            "amount_claimed": "",
            "description": "搬运时摔伤",
            "channel": "app",
        },
    )
    case = RightsCase.objects.get()
    assert (list(case.workers.all()), case.station_id, case.channel) == ([worker], staff.station_id, "app")


def test_intake_with_bad_input_shows_the_message_and_changes_nothing(client, officer, worker, employer):
    client.force_login(officer)
    response = client.post(
        "/rights/new/",
        {
            "worker_ids": str(worker.pk),
            "employer_id": employer.pk,
            "kind": "wage_arrears",
            "amount_claimed": "0",
            "description": "没给钱",
            "channel": "window",
        },
    )
    assert response.status_code == 400  # refused like every door's form: the typed text stays, the reason shows
    assert RightsCase.objects.count() == 0


def test_others_are_refused(client, register_worker, staff, auditor):
    client.force_login(register_worker().user)
    assert client.get("/rights/").status_code == 403
    client.force_login(staff)
    assert client.get("/rights/").status_code == 403
    assert client.get("/rights/new/").status_code == 200  # station staff take cases in
    client.force_login(auditor)
    assert client.get("/rights/").status_code == 200
    assert client.get("/rights/new/").status_code == 403


def test_a_signed_out_person_is_sent_to_the_staff_sign_in(client):
    response = client.get("/rights/")
    assert (response.status_code, response["Location"]) == (302, "/console/login/?next=/rights/")


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_rights_pages_carry_navigation_sign_out_and_language_switch(client, officer, language):
    from django.conf import settings
    from django.utils import translation

    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/rights/", "/rights/new/"):
        page = client.get(url).content.decode()
        with translation.override(language):
            for text in ("Rights cases", "Take in a case", "Staff console", "Sign out"):
                assert translation.gettext(text) in page, (url, text)
        assert 'href="/rights/"' in page and 'href="/rights/new/"' in page and 'href="/console/"' in page
        assert 'action="/console/logout/"' in page and 'action="/i18n/setlang/"' in page
        assert f'<html lang="{language}">' in page


def test_the_rights_navigation_shows_only_what_the_role_may_do(client, auditor, staff):
    client.force_login(auditor)
    page = client.get("/rights/").content.decode()
    assert 'href="/rights/new/"' not in page and 'href="/console/"' in page
    client.force_login(staff)
    page = client.get("/rights/new/").content.decode()
    assert 'href="/rights/new/"' in page and 'href="/rights/"' not in page
