"""A run over each platform's sample: the report row by row, and a second run that changes nothing."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import openpyxl
import pytest

from lingong.aggregation.models import (
    ImportedPosting,
    ImportRowResult,
    JobDuplicateLink,
    TradeMappingReview,
)
from lingong.aggregation.samples import sample_bytes
from lingong.aggregation.services import import_run, imported_expire_due
from lingong.core.errors import NotAllowed
from lingong.core.models import Event
from lingong.employers.models import Employer
from lingong.employers.services import employer_verify
from lingong.jobs.models import Job, JobStatus
from lingong.jobs.selectors import job_list_open_public
from lingong.jobs.services import job_cancel, job_release


def _report(run):
    return [(r.row_number, r.external_id, r.outcome) for r in ImportRowResult.objects.filter(run=run)]


def _state():
    """Everything an import writes, to compare before and after a second run."""
    return (
        sorted(
            Job.objects.values_list(
                "source", "external_id", "status", "title", "pay_fen", "headcount", "start_date", "end_date"
            )
        ),
        Employer.objects.count(),
        JobDuplicateLink.objects.count(),
        TradeMappingReview.objects.count(),
        Event.objects.exclude(verb="import_run").count(),
    )


UNKNOWN_EMPLOYER = "驿站尚不认识该雇主：工作人员先核实雇主。"


@pytest.mark.django_db
def test_58_feed_of_unknown_employers_is_held_until_staff_check_them(make_source, admin_user, make_user, today):
    """Nobody at a station knows the feed's employers yet: their jobs are held, not shown, until staff check the
    employer's credit code and release the job; the employer's next posting is then shown at once."""
    source = make_source("58")
    payload = sample_bytes("58", today)

    run = import_run(source=source, actor=admin_user, upload=(payload, "58.json"), today=today)

    assert (run.status, run.read, run.new, run.updated, run.duplicates, run.held, run.refused, run.closed) == (
        "done", 7, 0, 0, 0, 3, 3, 0,
    )  # fmt: skip
    assert _report(run) == [
        (1, "58-1001", "held"),
        (2, "58-1002", "held"),
        (3, "58-1003", "held"),
        (4, "58-1004", "refused"),
        (5, "58-1005", "refused"),
        (6, "58-1006", "refused"),
        (7, "58-1007", "unchanged"),
    ]
    reasons = dict(ImportRowResult.objects.filter(run=run).values_list("external_id", "reason"))
    assert [reasons[i] for i in ("58-1001", "58-1002", "58-1003")] == [UNKNOWN_EMPLOYER] * 3
    assert reasons["58-1004"] == "岗位不能向零工收取任何费用或押金。"  # the reason in the run's language
    assert reasons["58-1005"] == "零工平台没有这个雇主，岗位也没有给出统一社会信用代码：请先登记雇主。"
    assert reasons["58-1006"] == "这一行无法读取：pay：“面议”无法读取。"
    job = Job.objects.get(source="58", external_id="58-1001")
    assert (job.status, job.review_note, job.channel, job.pay_fen, job.pay_unit, job.headcount) == (
        "held", UNKNOWN_EMPLOYER, "import", 16000, "day", 3,
    )  # fmt: skip
    assert job.job_type.slug == "room_attendant"
    assert job.employer.verification == "pending" and job.employer.user is None
    assert job.employer.uscc == "91540102945807305W"
    posting = job.imported
    assert (posting.contact_name, posting.contact_phone, posting.platform) == ("次仁", "13908901001", "58")
    # workers see none of the held jobs
    assert not job_list_open_public().filter(source="58").exists()
    # nothing of a refused row stays: no job, no employer
    assert not Job.objects.filter(external_id__in=["58-1004", "58-1005", "58-1006"]).exists()
    assert not Employer.objects.filter(uscc="91540102212997228J").exists()

    before = _state()
    again = import_run(source=source, actor=admin_user, upload=(payload, "58.json"), today=today)
    assert (again.new, again.updated, again.unchanged, again.held, again.refused) == (0, 0, 4, 0, 3)
    assert _state() == before
    assert not job_list_open_public().filter(source="58").exists()

    # staff of the source's station check the employer's credit code, verify the employer and show the job
    clerk = make_user("station_staff", station=source.station)
    employer_verify(employer=job.employer, actor=clerk, approve=True, note="信用代码已核实")
    job_release(job=job, actor=clerk, note="雇主已核实")
    assert list(job_list_open_public().filter(source="58").values_list("external_id", flat=True)) == ["58-1001"]
    assert Job.objects.get(source="58", external_id="58-1002").status == "held"  # another employer, still unknown

    # the employer's next posting (other days) is shown at once
    document = json.loads(payload)
    first = document["data"]["infoList"][0]
    days = {"start": (today + timedelta(days=8)).isoformat(), "end": (today + timedelta(days=9)).isoformat()}
    document["data"]["infoList"] = [{**first, "infoId": "58-1101", "workDate": days, "recruitNum": 2}]
    third = import_run(
        source=source,
        actor=admin_user,
        upload=(json.dumps(document, ensure_ascii=False).encode(), "58.json"),
        today=today,
    )
    assert (third.new, third.held, third.refused) == (1, 0, 0)
    assert _report(third) == [(1, "58-1101", "new")]
    new_job = Job.objects.get(source="58", external_id="58-1101")
    assert (new_job.status, new_job.employer, new_job.review_note) == ("open", job.employer, "")
    assert set(job_list_open_public().filter(source="58").values_list("external_id", flat=True)) == {
        "58-1001",
        "58-1101",
    }


@pytest.mark.django_db
def test_changed_row_updates_and_closed_row_cancels(make_source, admin_user, known_employers, today):
    source = make_source("58")
    payload = sample_bytes("58", today)
    import_run(source=source, actor=admin_user, upload=(payload, "58.json"), today=today)
    document = json.loads(payload)
    infos = document["data"]["infoList"]
    infos[0]["salary"] = "170元/天"
    infos[0]["recruitNum"] = 4
    infos[1]["state"] = 0

    run = import_run(
        source=source,
        actor=admin_user,
        upload=(json.dumps(document, ensure_ascii=False).encode(), "58.json"),
        today=today,
    )

    assert (run.new, run.updated, run.closed, run.unchanged) == (0, 1, 1, 2)
    updated = Job.objects.get(source="58", external_id="58-1001")
    assert (updated.pay_fen, updated.headcount, updated.status) == (17000, 4, "open")
    assert Job.objects.get(source="58", external_id="58-1002").status == "cancelled"
    assert Job.objects.filter(source="58").count() == 3  # updated in place, never a second job
    assert Event.objects.filter(verb="job_source_update", subject_id=str(updated.pk)).count() == 1


@pytest.mark.django_db
def test_cross_platform_duplicates_shown_once(make_source, admin_user, known_employers, today):
    import_run(source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "a.json"), today=today)
    boss = import_run(
        source=make_source("boss"), actor=admin_user, upload=(sample_bytes("boss", today), "b.json"), today=today
    )
    job51 = import_run(
        source=make_source("51job"), actor=admin_user, upload=(sample_bytes("51job", today), "c.xml"), today=today
    )

    assert _report(boss) == [
        (1, "b7a1c0f2e9d84a01", "duplicate"),
        (2, "b7a1c0f2e9d84a02", "new"),
        (3, "b7a1c0f2e9d84a03", "new"),
        (4, "b7a1c0f2e9d84a04", "new"),
    ]
    assert _report(job51) == [
        (1, "130098001", "new"),
        (2, "130098002", "duplicate"),
        (3, "130098003", "new"),
        (4, "130098004", "refused"),
    ]
    shown = Job.objects.get(source="58", external_id="58-1001")
    duplicate = Job.objects.get(source="boss", external_id="b7a1c0f2e9d84a01")
    assert duplicate.duplicate_of.shown == shown
    assert duplicate.status == "draft"  # workers never see the second copy
    assert Job.objects.get(source="51job", external_id="130098002").duplicate_of.shown.external_id == "58-1002"
    # one employer per credit code, whichever platform named it first
    assert Employer.objects.filter(uscc="91540102945807305W").count() == 1


@pytest.mark.django_db
def test_zhaopin_and_generic_sheets(make_source, admin_user, known_employers, today):
    zhaopin = import_run(
        source=make_source("zhaopin"), actor=admin_user, upload=(sample_bytes("zhaopin", today), "z.csv"), today=today
    )
    assert _report(zhaopin) == [
        (2, "CC000123451J01", "new"),
        (3, "CC000123451J02", "new"),
        (4, "CC000123451J03", "new"),
        (5, "CC000123451J04", "refused"),
    ]
    # the generic sheet as an Excel workbook, made from the sample
    workbook = openpyxl.Workbook()
    for line in sample_bytes("generic", today).decode().splitlines():
        workbook.active.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    generic = import_run(
        source=make_source("generic"), actor=admin_user, upload=(buffer.getvalue(), "sheet.xlsx"), today=today
    )
    assert _report(generic) == [(2, "SH-01", "new"), (3, "SH-02", "new"), (4, "SH-03", "refused")]
    assert Job.objects.get(external_id="SH-01").job_type.slug == "gardener"


@pytest.mark.django_db
def test_full_feed_closes_missing_and_expiry(make_source, admin_user, known_employers, today):
    source = make_source("boss", full_feed=True, expiry_days=3)
    payload = sample_bytes("boss", today)
    import_run(source=source, actor=admin_user, upload=(payload, "b.json"), today=today)
    document = json.loads(payload)
    document["zpData"]["jobList"] = document["zpData"]["jobList"][:3]

    run = import_run(
        source=source,
        actor=admin_user,
        upload=(json.dumps(document, ensure_ascii=False).encode(), "b.json"),
        today=today,
    )
    assert (run.closed, run.unchanged) == (1, 3)
    assert Job.objects.get(external_id="b7a1c0f2e9d84a04").status == "cancelled"

    assert imported_expire_due(today=today + timedelta(days=3)) == 0
    # a posting lapses the day after its set days are over, even when its work goes on (02: seven days)
    assert imported_expire_due(today=today + timedelta(days=4)) == 3
    assert Job.objects.get(external_id="b7a1c0f2e9d84a02").status == JobStatus.EXPIRED
    assert imported_expire_due(today=today + timedelta(days=4)) == 0
    assert ImportedPosting.objects.get(job__external_id="b7a1c0f2e9d84a02").expires_on == today + timedelta(days=3)


@pytest.mark.django_db
def test_station_staff_may_not_run_an_import(make_source, staff, today):
    source = make_source("58")
    with pytest.raises(NotAllowed):
        import_run(source=source, actor=staff, upload=(sample_bytes("58", today), "58.json"), today=today)
    assert Job.objects.count() == 0 and source.runs.count() == 0


@pytest.mark.django_db
def test_unreadable_payload_fails_the_run_and_writes_nothing(make_source, admin_user, today):
    run = import_run(source=make_source("58"), actor=admin_user, upload=(b"<html>502</html>", "x"), today=today)
    assert (run.status, run.read, run.failure[:12]) == ("failed", 0, "58: not JSON")
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_worker_sees_one_job_with_every_source(make_source, admin_user, employer, job_types, today):
    from lingong.aggregation.selectors import job_import_info
    from lingong.jobs.tests.factories import post_job

    import_run(source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "a.json"), today=today)
    import_run(
        source=make_source("boss"), actor=admin_user, upload=(sample_bytes("boss", today), "b.json"), today=today
    )
    shown = Job.objects.get(source="58", external_id="58-1001")
    assert job_import_info(job=shown) == {
        "platforms": ["58同城", "BOSS直聘"],  # in the language of the page
        "employer_on_lingong": False,
        "contact_name": "次仁",
        "contact_phone": "13908901001",
    }
    local = post_job(employer=employer, job_type=job_types["mover"], actor=admin_user)
    assert job_import_info(job=local) is None


@pytest.mark.django_db
def test_a_posting_already_local_is_a_duplicate(make_source, admin_user, employer, job_types, staff, today):
    from datetime import time, timedelta

    from lingong.jobs.tests.factories import post_job

    local = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=today + timedelta(days=2),
        end=today + timedelta(days=4),
        hours=(time(8), time(17)),
        pay_fen=20000,
        address="拉萨市城关区北京中路",
        lat="29.650000",
        lon="91.120000",
    )
    info = {
        "infoId": "58-2001", "title": "搬运工", "cateName": "装卸/搬运", "companyName": employer.name,
        "creditCode": employer.uscc, "contactPerson": "卓玛", "phone": "13800138000", "address": "拉萨市城关区北京中路",
        "lat": "29.650900", "lng": "91.120400", "salary": "190元/天",
        "workDate": {"start": (today + timedelta(days=3)).isoformat(), "end": (today + timedelta(days=3)).isoformat()},
        "workTime": "08:00-17:00", "recruitNum": 1, "content": "", "state": 1,
    }  # fmt: skip
    payload = json.dumps({"code": 0, "data": {"infoList": [info]}}, ensure_ascii=False).encode()

    run = import_run(source=make_source("58"), actor=admin_user, upload=(payload, "58.json"), today=today)

    assert _report(run) == [(1, "58-2001", "duplicate")]
    imported = Job.objects.get(source="58", external_id="58-2001")
    assert (imported.duplicate_of.shown, imported.status, imported.employer) == (local, "draft", employer)


@pytest.mark.django_db
def test_when_the_shown_copy_closes_the_next_live_copy_is_shown(make_source, admin_user, known_employers, today):
    """58 closes the posting that workers saw; the same job is still open on BOSS, so BOSS's copy is shown
    instead, and a copy its own source has closed is never brought back."""
    import_run(source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "a.json"), today=today)
    import_run(
        source=make_source("boss"), actor=admin_user, upload=(sample_bytes("boss", today), "b.json"), today=today
    )
    shown = Job.objects.get(source="58", external_id="58-1001")
    copy = Job.objects.get(source="boss", external_id="b7a1c0f2e9d84a01")
    assert copy.status == JobStatus.DRAFT

    job_cancel(job=shown, actor=admin_user, channel="import")

    copy.refresh_from_db()
    assert copy.status == JobStatus.OPEN
    assert not JobDuplicateLink.objects.filter(duplicate=copy).exists()
    assert copy in job_list_open_public()
    # the copy closes at its source too: nothing is left to show, nothing is reopened
    job_cancel(job=copy, actor=admin_user, channel="import")
    shown.refresh_from_db()
    assert shown.status == JobStatus.CANCELLED


@pytest.mark.django_db
def test_a_copy_already_lapsed_is_not_shown_again(make_source, admin_user, known_employers, today):
    import_run(source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "a.json"), today=today)
    import_run(
        source=make_source("boss"), actor=admin_user, upload=(sample_bytes("boss", today), "b.json"), today=today
    )
    shown = Job.objects.get(source="58", external_id="58-1001")
    copy = Job.objects.get(source="boss", external_id="b7a1c0f2e9d84a01")
    ImportedPosting.objects.filter(job=copy).update(expires_on=today - timedelta(days=1))

    job_cancel(job=shown, actor=admin_user, channel="import")

    copy.refresh_from_db()
    assert copy.status == JobStatus.DRAFT
