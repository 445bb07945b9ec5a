import subprocess
from datetime import time

import pytest
from django.utils.translation import gettext

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.rights.models import DutyShift, Mediation, RightsCase
from lingong.rights.selectors import access_case, case_figures, case_figures_by_station, case_timeline
from lingong.rights.services import (
    duty_shift_create,
    mediation_record,
    rights_case_assign,
    rights_case_close,
    rights_case_decide,
    rights_case_evidence_export,
    rights_case_note,
    rights_case_open,
)
from lingong.testing.clock import days

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_case(worker, employer, staff, stations, at):
    def make(now=None, **extra):
        kwargs = dict(
            workers=[worker],
            employer=employer,
            kind="wage_arrears",
            amount_claimed_fen=90000,
            description="干了三天搬运，工资没有给",
            channel="window",
            actor=staff,
            station=stations["gongdelin"],
            now=now or at(days(12), 10),
        )
        kwargs.update(extra)
        return rights_case_open(**kwargs)

    return make


def _shift(officer, station, day, start, end, admin):
    return duty_shift_create(
        officer=officer, station=station, date=day, start_time=time(start), end_time=time(end), actor=admin
    )


def test_case_goes_to_the_officer_on_duty_at_the_station(open_case, officer, make_user, stations, admin_user, at):
    other = make_user("rights_officer")
    _shift(other, stations["gongdelin"], days(12), 8, 10, admin_user)
    _shift(officer, stations["gongdelin"], days(12), 10, 18, admin_user)
    case = open_case(now=at(days(12), 10, 30))
    assert (case.status, case.assigned_to_id) == ("open", officer.pk)
    assert list(
        Event.objects.filter(subject_id=str(case.pk), verb__startswith="case")
        .order_by("id")
        .values_list("verb", "to_state")
    ) == [("case_open", "open"), ("case_assign", "")]


def test_no_fallback_to_the_market_for_a_station_case(open_case, officer, stations, admin_user, at):
    """A station's case waits in that station's queue; only a case without a station goes to the market."""
    _shift(officer, stations["market"], days(12), 9, 12, admin_user)
    assert open_case(now=at(days(12), 11, 59)).assigned_to_id is None
    assert open_case(now=at(days(12), 11, 59), station=None).assigned_to_id == officer.pk
    assert open_case(now=at(days(12), 12, 0), station=None).assigned_to_id is None  # the shift has ended


def test_duty_roster_only_takes_rights_officers(staff, stations, admin_user, officer):
    with pytest.raises(InvalidInput):
        _shift(staff, stations["market"], days(12), 9, 12, admin_user)
    with pytest.raises(InvalidInput):
        _shift(officer, stations["market"], days(12), 12, 9, admin_user)
    with pytest.raises(NotAllowed):
        _shift(officer, stations["market"], days(12), 9, 12, staff)
    assert DutyShift.objects.count() == 0


@pytest.mark.parametrize(
    "override, code",
    [
        ({"workers": []}, "workers_required"),
        ({"kind": "fraud"}, "invalid_kind"),
        ({"amount_claimed_fen": -1}, "invalid_amount"),
        ({"amount_claimed_fen": 12.5}, "invalid_amount"),
        ({"amount_claimed_fen": 0}, "amount_required"),
        ({"description": "  "}, "description_required"),
    ],
)
def test_intake_refuses_bad_input_and_changes_nothing(open_case, override, code):
    with pytest.raises(InvalidInput) as caught:
        open_case(**override)
    assert caught.value.code == code
    assert (RightsCase.objects.count(), Event.objects.filter(verb__startswith="case").count()) == (0, 0)


def test_who_may_open_a_case(open_case, worker, register_worker, auditor, employer_user):
    other = register_worker()
    for actor in (auditor, employer_user, other.user, None):
        with pytest.raises(NotAllowed):
            open_case(actor=actor, channel="kiosk")
    assert RightsCase.objects.count() == 0
    case = open_case(actor=worker.user, channel="kiosk")  # the worker for themselves, at the kiosk
    assert (case.channel, case.opened_by_id) == ("kiosk", worker.user_id)


def test_a_case_from_intake_to_closing(open_case, officer, worker, staff, at):
    case = open_case()
    rights_case_assign(case=case, officer=officer, actor=officer)
    rights_case_note(case=case, text="电话联系雇主，约周一调解", actor=officer)
    mediation_record(
        case=case, held_on=days(14), attendees="扎西1、卓玛（雇主）、次仁", result="adjourned", actor=officer
    )
    mediation_record(
        case=case,
        held_on=days(16),
        attendees="扎西1、卓玛（雇主）、次仁",
        result="agreed",
        amount_agreed_fen=80000,
        note="雇主同意支付800元",
        actor=officer,
    )
    rights_case_decide(
        case=case,
        outcome="recovered",
        amount_recovered_fen=80000,
        note="当场现金支付",
        actor=officer,
        now=at(days(16), 15),
    )
    rights_case_close(case=case, actor=officer, now=at(days(17), 10))
    case.refresh_from_db()
    assert (case.status, case.outcome, case.amount_recovered_fen, case.closed_at) == (
        "closed",
        "recovered",
        80000,
        at(days(17), 10),
    )
    assert Mediation.objects.filter(case=case).count() == 2
    assert [(e.verb, e.from_state, e.to_state) for e in case_timeline(user=officer, case=case)] == [
        ("case_open", "", "open"),
        ("case_assign", "", ""),
        ("case_note", "", ""),
        ("case_mediation_start", "open", "mediating"),
        ("mediation_record", "", ""),
        ("mediation_record", "", ""),
        ("case_decide", "mediating", "decided"),
        ("case_close", "decided", "closed"),
    ]
    with pytest.raises(Conflict):
        mediation_record(case=case, held_on=days(18), attendees="x", result="agreed", actor=officer)
    with pytest.raises(Conflict):
        rights_case_note(case=case, text="再补充", actor=officer)


def test_outcome_rules_and_refusals(open_case, officer, staff, at):
    case = open_case()
    with pytest.raises(Conflict):  # cannot close before an outcome
        rights_case_close(case=case, actor=officer, now=at(days(13), 10))
    with pytest.raises(InvalidInput):
        rights_case_decide(case=case, outcome="recovered", amount_recovered_fen=0, actor=officer)
    with pytest.raises(InvalidInput):
        rights_case_decide(case=case, outcome="withdrawn", amount_recovered_fen=100, actor=officer)
    with pytest.raises(NotAllowed):  # station staff take cases in, officers decide
        rights_case_decide(case=case, outcome="rejected", actor=staff)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("open", "")
    rights_case_decide(case=case, outcome="withdrawn", actor=officer, now=at(days(13), 10))
    from lingong.credit.models import CreditEvent

    assert CreditEvent.objects.count() == 0  # a withdrawn case does not count against the employer


def test_access_to_a_case(open_case, worker, register_worker, officer, auditor, staff):
    case = open_case()
    assert access_case(user=worker.user, case_id=case.pk) == case
    assert access_case(user=auditor, case_id=case.pk) == case
    for user in (register_worker().user, staff):
        with pytest.raises(NotAllowed):
            access_case(user=user, case_id=case.pk)


def test_figures_by_station_and_period(open_case, officer, stations, admin_user, staff, at):
    a = open_case(now=at(days(8), 10), amount_claimed_fen=50000)
    b = open_case(now=at(days(9), 10), amount_claimed_fen=30000)
    open_case(now=at(days(9), 11), amount_claimed_fen=10000, station=stations["market"])
    open_case(now=at(days(7), 23, 59), amount_claimed_fen=99900)  # before the period
    rights_case_decide(case=a, outcome="recovered", amount_recovered_fen=45000, actor=officer, now=at(days(10), 10))
    rights_case_close(case=a, actor=officer, now=at(days(11), 10))  # 3 days
    rights_case_decide(case=b, outcome="rejected", actor=officer, now=at(days(10), 10))
    rights_case_close(case=b, actor=officer, now=at(days(10), 22))  # 1.5 days
    figures = case_figures(user=admin_user, date_from=days(8), date_to=days(14), station=stations["gongdelin"])
    assert (
        figures.opened,
        figures.closed,
        figures.open_at_end,
        figures.claimed_fen,
        figures.recovered_fen,
        figures.average_days_to_close,
    ) == (2, 2, 1, 80000, 45000, 2.2)
    district = case_figures(user=admin_user, date_from=days(8), date_to=days(14))
    assert (district.opened, district.claimed_fen, district.open_at_end) == (3, 90000, 2)
    rows = {
        s.code if s else None: f.opened
        for s, f in case_figures_by_station(user=officer, date_from=days(8), date_to=days(8))
    }
    assert rows == {"market": 0, "jinzhu-xilu": 0, "gama-gongsang": 0, "gongdelin": 1, None: 0}
    with pytest.raises(NotAllowed):
        case_figures(user=staff, date_from=days(8), date_to=days(14))


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "evidence.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_evidence_pdf_holds_the_case_and_says_what_is_missing(open_case, register_worker, officer, staff, tmp_path, at):
    tibetan = register_worker(name="多吉", name_bo="རྡོ་རྗེ")
    case = open_case(workers=[tibetan])
    mediation_record(case=case, held_on=days(14), attendees="扎西1、卓玛", result="no_agreement", actor=officer)
    pdf = rights_case_evidence_export(case=case, actor=officer, now=at(days(15), 9))
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    for expected in (
        f"#{case.pk}",
        "拉萨雪域餐饮有限公司",
        "多吉",
        "干了三天搬运，工资没有给",
        "900",
        "案件已立案",
        "调解已记录",
        "扎西1、卓玛",
        f"{days(15):%Y-%m-%d} 09:00",
    ):
        assert expected in text, expected
    assert "case_open" not in text and "mediation_record" not in text
    # Tibetan is shaped (stacked letters), so pdftotext gives the letters in glyph order: check the letters
    # and that the Tibetan font is embedded.
    assert set("རྡོ་རྗེ") <= set(text)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "evidence.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "Noto-Sans-SC" in fonts and "Noto-Serif-Tibetan" in fonts, fonts
    # No placement links this worker and employer: the placement sections say so.
    assert gettext("No placement is linked to this case, so no agreement is included.") in text
    assert Event.objects.filter(subject_id=str(case.pk), verb="case_evidence_export", actor=officer).count() == 1
    with pytest.raises(NotAllowed):
        rights_case_evidence_export(case=case, actor=staff)


def test_evidence_pdf_with_a_placement(open_case, placement, officer, tmp_path, at):
    case = open_case(placement=placement)
    text = _pdf_text(rights_case_evidence_export(case=case, actor=officer, now=at(days(15), 9)), tmp_path)
    assert f"#{placement.pk}" in text
