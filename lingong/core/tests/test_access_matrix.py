"""The access matrix: every URL and every API operation × every role → allowed or refused, as the rules say.

Roles: anonymous, a kiosk (the device, nobody signed in), the worker and another worker, the employer
and another employer, station staff of the objects' station (功德林) and of another (金珠西路), a rights
officer, the district administrator, an auditor. The objects (a job, a hire, its agreement and wage, a
rights case) belong to the worker, the employer and 功德林.

What each cell should be comes from the rules, never from recording what happens: the doors
(`accounts/doors.py`: a worker's, an employer's, the kiosk's, the staff's) and the one table of who may
do what (`accounts/selectors.RULES`, asked here through `role_allows` with the object's station).
A page answers "ok" (shown, or a form's 400), "login" (sent to sign in), "start" (the kiosk's card
reader), or "deny" (403, or 404 where an object of someone else is hidden). A POST with an empty body to
a role the service refuses may also answer 400: an empty form changes nothing. No cell may be a 500.

Completeness cannot rot: every URL pattern of the project and every operation of the API must be in
the tables below (or in OUT_OF_SCOPE with its reason), so a new URL fails here until it is placed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import time, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from lingong.accounts.roles import NOT_FOR_ROLES, ROLE_ADMIN_VIEWS
from lingong.accounts.selectors import role_allows
from lingong.agreements.models import Agreement
from lingong.api.api import api
from lingong.api.services import api_token_issue
from lingong.attendance.tests.helpers import make_placement
from lingong.core.errors import NotAllowed, NotFound
from lingong.employers.services import employer_account_ensure, employer_register
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.rights.services import duty_shift_create, rights_case_open
from lingong.stations.services import kiosk_register
from lingong.training.services import booking_create
from lingong.training.tests.factories import make_course, make_session
from lingong.wages.models import WagePayment

pytestmark = [pytest.mark.django_db]

ROLES = (
    "anonymous",
    "kiosk",
    "worker",
    "other_worker",
    "employer",
    "other_employer",
    "staff",
    "other_staff",
    "rights",
    "admin",
    "auditor",
)
STAFF_ROLES = ("staff", "other_staff", "rights", "admin", "auditor")
OK, LOGIN, START, DENY = "ok", "login", "start", "deny"
LOGIN_PAGES = ("/w/login/", "/e/login/", "/console/login/", "/admin/login/")
# The kiosk's words for "not yours" (in the kiosk's language); any other error is a business answer.
with translation.override("zh-hans"):
    REFUSALS = {str(NotFound.default_message), str(NotAllowed.default_message)}


# --- the district the matrix is about ---------------------------------------------------------


@dataclass
class District:
    users: dict = field(default_factory=dict)
    kiosk_token: str = ""
    ids: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    station_id: int = 0


@pytest.fixture
def district(register_worker, employer, staff, other_staff, admin_user, auditor, make_user, stations, job_types):
    worker = register_worker()
    other_worker = register_worker()
    employer = employer_account_ensure(employer=employer)
    other_employer = employer_account_ensure(
        employer=employer_register(
            kind="enterprise",
            name="拉萨另一家公司",
            uscc="91540100MA6T11125C",
            contact_name="次仁",
            contact_phone="13800138111",
            address="拉萨市城关区林廓路",
            channel="window",
            actor=other_staff,
            station=stations["jinzhu-xilu"],
            lat="29.65",
            lon="91.12",
        )
    )
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    open_job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=3)
    rights = make_user("rights_officer")
    case = rights_case_open(
        workers=[worker],
        employer=employer,
        kind="wage_arrears",
        description="工资没有给",
        channel="window",
        actor=staff,
        amount_claimed_fen=30000,
        station=stations["gongdelin"],
        placement=placement,
    )
    shift = duty_shift_create(
        station=stations["gongdelin"],
        date=timezone.localdate() + timedelta(days=1),
        start_time=time(9),
        end_time=time(12),
        lawyer_name="拉巴次仁",
        lawyer_office="城关区法律援助中心",
        languages=["bo", "zh-hans"],
        window="4号窗口 维权窗口",
        actor=admin_user,
    )
    kiosk, _secret = kiosk_register(station=stations["gongdelin"], code="gongdelin-9", label="9", actor=admin_user)
    course = make_course(staff=staff, job_types=job_types, stations=stations)
    session = make_session(staff=staff, course=course, capacity=5)
    booking = booking_create(session=session, worker=worker, actor=worker.user, channel="web")
    agreement = Agreement.objects.filter(placement=placement).order_by("-version").first()
    wage = WagePayment.objects.filter(placement=placement).first()
    d = District(station_id=stations["gongdelin"].pk, kiosk_token=kiosk_device_token(kiosk=kiosk))
    d.users = {
        "worker": worker.user,
        "other_worker": other_worker.user,
        "employer": employer.user,
        "other_employer": other_employer.user,
        "staff": staff,
        "other_staff": other_staff,
        "rights": rights,
        "admin": admin_user,
        "auditor": auditor,
    }
    d.ids = {
        "worker": worker.pk,
        "other_worker": other_worker.pk,
        "employer": employer.pk,
        "job": placement.job_id,  # full: its hire is made
        "open_job": open_job.pk,
        "application": placement.application_id,
        "placement": placement.pk,
        "agreement": agreement.pk if agreement else 0,
        "agreement_public": agreement.public_id if agreement else None,
        "wage": wage.pk if wage else 0,
        "case": case.pk,
        "shift": shift.pk,
        "course": course.pk,
        "session": session.pk,
        "booking": booking.pk,
        "missing": 987654,
    }
    for role in ("worker", "other_worker", "employer", "other_employer"):
        d.tokens[role] = api_token_issue(user=d.users[role])[0]
    return d


def client_for(district: District, role: str, *, at_kiosk: bool = False) -> Client:
    browser = Client()
    if role in district.users:
        browser.force_login(district.users[role])
    if at_kiosk and role != "anonymous" or role == "kiosk":
        browser.cookies[DEVICE_COOKIE] = district.kiosk_token
    return browser


def outcome_of(response, *, where: str = "") -> str:
    assert response.status_code < 500, f"server error {response.status_code}: {where}"
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(LOGIN_PAGES):
            return LOGIN
        if location.split("?")[0] == "/kiosk/":
            return START
        return OK
    if response.status_code in (401, 403, 404):
        return DENY
    return OK


# --- the rules, as the doors and RULES state them -------------------------------------------------


def public(role, d) -> set:
    return {OK}


def worker_door(own: bool = False):
    """The worker's door (`portal.access.worker_door`): signed-in workers; the worker's own objects only."""

    def rule(role, d):
        if role in ("anonymous", "kiosk"):
            return {LOGIN}
        if role == "worker":
            return {OK}
        if role == "other_worker":
            return {DENY} if own else {OK}
        return {DENY}  # a signed-in person who is not a worker: "this page is for workers"

    return rule


def employer_door(own: bool = False):
    def rule(role, d):
        if role in ("anonymous", "kiosk"):
            return {LOGIN}
        if role == "employer":
            return {OK}
        if role == "other_employer":
            return {DENY} if own else {OK}
        return {DENY}

    return rule


def kiosk_device(role, d) -> set:
    """A kiosk page: the device must be a set-up kiosk (`kiosk_required`); anyone may stand before it."""
    return {DENY} if role == "anonymous" else {OK}


def kiosk_worker(own: bool = False):
    """A worker's kiosk screen: a set-up kiosk and a worker signed in; others go back to the card reader."""

    def rule(role, d):
        if role == "anonymous":
            return {DENY}
        if role == "worker":
            return {OK}
        if role == "other_worker":
            return {DENY} if own else {OK}
        return {START}

    return rule


def staff_rule(action: str | None, *, scoped: bool = True, post: bool = False, door: str = "worker.view"):
    """A staff screen: signed in (else the console's sign-in), past the door's permission, then `action`
    for the object's station (`role_allows`). A refused POST with an empty body may answer 400."""

    def rule(role, d):
        if role in ("anonymous", "kiosk"):
            return {LOGIN}
        user = d.users[role]
        station = d.station_id if scoped else getattr(user, "station_id", None)
        allowed = (door is None or role_allows(user, door)) and (
            action is None or role_allows(user, action, station_id=station)
        )
        if allowed:
            return {OK}
        return {DENY, OK} if post else {DENY}

    return rule


def missing(rule):
    """An object that does not exist here (no appeal or dispute in this district): the door only; past it,
    "not found" is the answer."""

    def wrapped(role, d):
        expected = rule(role, d)
        return expected | {DENY} if OK in expected else expected

    return wrapped


def signed_in(role, d) -> set:
    """Django's login_required pages that then check the object (agreement PDF, check-in code)."""
    return {LOGIN} if role in ("anonymous", "kiosk") else {OK, DENY}


@dataclass
class Cell:
    name: str
    args: Callable = lambda ids: {}
    rule: Callable = public
    method: str = "get"
    at_kiosk: bool = False
    data: Callable = lambda ids: {}  # a POST's form, where an empty one would stop before the rule is asked


def by_roles(**expected) -> Callable:
    return lambda role, d: {expected[role]} if role in expected else None


PAGES: list[Cell] = [
    # public pages and sign-in doors
    Cell("set_language", method="post"),
    Cell("portal:landing"),
    Cell("portal:worker_login"),
    Cell("portal:worker_register"),
    Cell("portal:employer_login"),
    Cell("portal:employer_signup"),
    Cell("portal:worker_logout", rule=lambda r, d: {LOGIN}, method="post"),  # signed out: the sign-in page
    Cell("portal:employer_logout", rule=lambda r, d: {LOGIN}, method="post"),
    Cell("console:login"),
    Cell("console:logout", rule=lambda r, d: {LOGIN}, method="post"),
    Cell("agreements:verify", lambda ids: {"public_id": ids["agreement_public"]}),
    Cell("attendance:checkin", lambda ids: {"token": "no-such-code"}, rule=signed_in),
    # the stations' screens: public by design, nothing personal on them (lingong/boards/tests)
    Cell("boards:index"),
    Cell("boards:jobs", lambda ids: {"code": "gongdelin"}),
    Cell("boards:feed", lambda ids: {"code": "jinzhu-xilu"}),
    Cell("boards:events"),
    Cell("boards:news", lambda ids: {"code": "gongdelin"}),
    Cell("boards:hall"),
    Cell("boards:photo", lambda ids: {"notice_id": ids["missing"]}, rule=lambda r, d: {DENY}),  # no such photo
    # the worker's door
    Cell("portal:worker_home", rule=worker_door()),
    Cell("portal:worker_profile", rule=worker_door()),
    Cell("portal:worker_trades", rule=worker_door()),
    Cell("portal:worker_times", rule=worker_door()),
    Cell("portal:worker_profile_edit", rule=worker_door()),
    Cell("portal:worker_phone", rule=worker_door()),
    Cell("portal:worker_my_data", rule=worker_door()),
    Cell("portal:worker_my_data_pdf", rule=worker_door()),
    Cell("portal:worker_my_data_json", rule=worker_door()),
    Cell("portal:worker_my_data_delete", rule=worker_door(), method="post"),
    Cell("portal:worker_consent_withdraw", rule=worker_door(), method="post"),
    Cell("portal:worker_jobs", rule=worker_door()),
    Cell("portal:worker_job", lambda ids: {"job_id": ids["open_job"]}, rule=worker_door()),
    Cell("portal:worker_apply", lambda ids: {"job_id": ids["open_job"]}, rule=worker_door(), method="post"),
    Cell("portal:worker_mine", rule=worker_door()),
    Cell("portal:worker_accept", lambda ids: {"application_id": ids["application"]}, worker_door(True), "post"),
    Cell("portal:worker_decline", lambda ids: {"application_id": ids["application"]}, worker_door(True), "post"),
    Cell("portal:worker_withdraw", lambda ids: {"application_id": ids["application"]}, worker_door(True), "post"),
    Cell("portal:worker_messages", rule=worker_door()),
    Cell("portal:worker_policies", rule=worker_door()),
    Cell("portal:worker_policy", lambda ids: {"article_id": ids["missing"]}, rule=missing(worker_door())),
    Cell("portal:worker_policy_ask", lambda ids: {"article_id": ids["missing"]}, missing(worker_door()), "post"),
    Cell("portal:worker_work", rule=worker_door()),
    Cell("portal:worker_work_confirm", lambda ids: {"placement_id": ids["placement"]}, worker_door(True), "post"),
    Cell("portal:worker_rate", lambda ids: {"placement_id": ids["placement"]}, worker_door(True)),
    Cell("portal:worker_agreement_sign", lambda ids: {"agreement_id": ids["agreement"]}, worker_door(True)),
    Cell("portal:worker_wage_received", lambda ids: {"wage_id": ids["wage"]}, worker_door(True), "post"),
    Cell("portal:worker_wage_not_received", lambda ids: {"wage_id": ids["wage"]}, worker_door(True), "post"),
    Cell("portal:worker_score", rule=worker_door()),
    Cell("portal:worker_duty", rule=worker_door()),
    Cell("portal:worker_training", rule=worker_door()),
    Cell("portal:worker_training_course", lambda ids: {"course_id": ids["course"]}, rule=worker_door()),
    Cell("portal:worker_training_book", lambda ids: {"session_id": ids["session"]}, worker_door(), "post"),
    Cell("portal:worker_training_cancel", lambda ids: {"booking_id": ids["booking"]}, worker_door(True), "post"),
    Cell(
        "portal:worker_appeal",
        lambda ids: {"kind": "penalty", "target_id": ids["missing"]},
        rule=missing(worker_door(True)),
        method="post",
    ),
    # the employer's door
    Cell("portal:employer_home", rule=employer_door()),
    Cell("portal:employer_language", rule=lambda r, d: {OK, LOGIN, DENY}, method="post"),
    Cell("portal:employer_post", rule=employer_door()),
    Cell("portal:employer_post_form", lambda ids: {"slug": "mover"}, rule=employer_door()),
    Cell("portal:employer_job", lambda ids: {"job_id": ids["job"]}, rule=employer_door(True)),
    Cell(
        "portal:employer_invite",
        lambda ids: {"job_id": ids["open_job"]},
        employer_door(True),
        "post",
        data=lambda ids: {"worker": ids["other_worker"]},
    ),
    Cell("portal:employer_close", lambda ids: {"job_id": ids["job"]}, employer_door(True), "post"),
    Cell("portal:employer_accept", lambda ids: {"application_id": ids["application"]}, employer_door(True), "post"),
    Cell("portal:employer_decline", lambda ids: {"application_id": ids["application"]}, employer_door(True), "post"),
    Cell("portal:employer_placement", lambda ids: {"placement_id": ids["placement"]}, employer_door(True)),
    Cell("portal:employer_placement_sign", lambda ids: {"placement_id": ids["placement"]}, employer_door(True), "post"),
    Cell(
        "portal:employer_placement_hours", lambda ids: {"placement_id": ids["placement"]}, employer_door(True), "post"
    ),
    Cell("portal:employer_placement_paid", lambda ids: {"placement_id": ids["placement"]}, employer_door(True), "post"),
    Cell("portal:employer_placement_rate", lambda ids: {"placement_id": ids["placement"]}, employer_door(True), "post"),
    Cell("portal:employer_my_data", rule=employer_door()),
    Cell("portal:employer_my_data_pdf", rule=employer_door()),
    Cell("portal:employer_my_data_json", rule=employer_door()),
    Cell("portal:employer_my_data_delete", rule=employer_door(), method="post"),
    Cell("portal:employer_credit", rule=employer_door()),
    Cell("portal:employer_credit_appeal", rule=employer_door(), method="post"),
    # the kiosk: the device, then the worker signed in at it
    Cell("kiosk:start", rule=kiosk_device, at_kiosk=True),
    Cell("kiosk:card", rule=kiosk_device, method="post", at_kiosk=True),
    Cell("kiosk:scan", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, method="post", at_kiosk=True),
    Cell("kiosk:scan_code", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:qr_status", rule=kiosk_device, at_kiosk=True),
    Cell("kiosk:qr_confirm", lambda ids: {"code": "no-such-code"}, rule=lambda r, d: {OK, LOGIN, DENY}),
    Cell("kiosk:my_code", rule=lambda r, d: {OK, LOGIN, DENY}),
    Cell("kiosk:register_confirm", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_phone", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_code", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_trades", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_times", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_pay", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    Cell("kiosk:register_consent", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, at_kiosk=True),
    # the notice spoken: only within a registration (none here: not found); "heard" without it: a 400
    Cell("kiosk:consent_audio", rule=lambda r, d: {DENY}, at_kiosk=True),
    Cell("kiosk:consent_heard", rule=kiosk_device, method="post", at_kiosk=True),
    Cell("kiosk:home", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:apply", lambda ids: {"job_id": ids["open_job"]}, kiosk_worker(), "post", True),
    Cell("kiosk:withdraw", lambda ids: {"application_id": ids["application"]}, kiosk_worker(True), "post", True),
    Cell("kiosk:answer", lambda ids: {"application_id": ids["application"]}, kiosk_worker(True), "post", True),
    Cell("kiosk:phone_change", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:phone_code", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:my_data", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:call_staff", rule=kiosk_device, method="post", at_kiosk=True),
    Cell("kiosk:staff_call", lambda ids: {"call_id": ids["missing"]}, lambda r, d: {DENY}, at_kiosk=True),
    Cell("kiosk:staff_call_status", lambda ids: {"call_id": ids["missing"]}, lambda r, d: {DENY}, at_kiosk=True),
    Cell("kiosk:finish", rule=lambda r, d: {DENY} if r == "anonymous" else {OK, START}, method="post", at_kiosk=True),
    Cell("kiosk:prompt_audio", lambda ids: {"language": "zh-hans", "prompt_id": "start"}, lambda r, d: {OK, DENY}),
    Cell("kiosk:job_audio", lambda ids: {"job_id": ids["open_job"]}, rule=lambda r, d: {OK, DENY}, at_kiosk=True),
    Cell("kiosk:work", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:work_confirm", lambda ids: {"placement_id": ids["placement"]}, kiosk_worker(True), "post", True),
    Cell("kiosk:rate", lambda ids: {"placement_id": ids["placement"]}, kiosk_worker(True), at_kiosk=True),
    Cell("kiosk:agreement_sign", lambda ids: {"agreement_id": ids["agreement"]}, kiosk_worker(True), at_kiosk=True),
    Cell("kiosk:agreement_code", lambda ids: {"agreement_id": ids["agreement"]}, kiosk_worker(True), at_kiosk=True),
    Cell("kiosk:wage_received", lambda ids: {"wage_id": ids["wage"]}, kiosk_worker(True), "post", True),
    Cell("kiosk:wage_not_received", lambda ids: {"wage_id": ids["wage"]}, kiosk_worker(True), "post", True),
    Cell("kiosk:score", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:duty", rule=kiosk_device, at_kiosk=True),  # public, like a notice on the wall
    Cell(
        "kiosk:appeal",
        lambda ids: {"kind": "penalty", "target_id": ids["missing"]},
        rule=missing(kiosk_worker(True)),
        at_kiosk=True,
    ),
    Cell("kiosk:training", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:training_course", lambda ids: {"course_id": ids["course"]}, rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:training_book", lambda ids: {"session_id": ids["session"]}, kiosk_worker(), "post", True),
    Cell("kiosk:training_cancel", lambda ids: {"booking_id": ids["booking"]}, kiosk_worker(True), "post", True),
    # policies at the kiosk: anyone standing there reads and asks (an article that does not exist: not found)
    Cell("kiosk:policy", rule=kiosk_device, at_kiosk=True),
    Cell("kiosk:policy_article", lambda ids: {"article_id": ids["missing"]}, lambda r, d: {DENY}, at_kiosk=True),
    Cell(
        "kiosk:policy_audio",
        lambda ids: {"article_id": ids["missing"], "language": "bo"},
        lambda r, d: {DENY},
        at_kiosk=True,
    ),
    Cell("kiosk:policy_ask", lambda ids: {"article_id": ids["missing"]}, lambda r, d: {DENY}, "post", True),
    Cell("kiosk:policy_ticket", rule=kiosk_device, at_kiosk=True),  # nothing asked here: back to the list
    Cell("kiosk:wage_help", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:wage_help_amount", rule=kiosk_worker(), at_kiosk=True),
    Cell("kiosk:wage_help_done", rule=kiosk_worker(), at_kiosk=True),
    # the staff console (its door: `worker.view`, every staff role)
    Cell("console:day", rule=staff_rule(None)),
    Cell("console:station_pick", rule=staff_rule(None, post=True), method="post"),
    Cell("console:workers", rule=staff_rule(None)),
    Cell("console:worker_new", rule=staff_rule("worker.register", scoped=False)),
    Cell("console:worker", lambda ids: {"pk": ids["worker"]}, rule=staff_rule("worker.view")),
    Cell("console:worker_reveal", lambda ids: {"pk": ids["worker"]}, staff_rule("worker.reveal", post=True), "post"),
    Cell("console:worker_propose", lambda ids: {"pk": ids["worker"]}, staff_rule(None, post=True), "post"),
    Cell("console:worker_call", lambda ids: {"pk": ids["worker"]}, staff_rule(None, post=True), "post"),
    Cell("console:worker_sign_out", lambda ids: {"pk": ids["worker"]}, staff_rule("worker.change"), "post"),
    Cell("console:worker_data_copy", lambda ids: {"pk": ids["worker"]}, staff_rule("worker.change"), "post"),
    Cell("console:worker_language", lambda ids: {"pk": ids["worker"]}, staff_rule(None, post=True), "post"),
    Cell("console:jobs", rule=staff_rule(None)),
    Cell("console:job", lambda ids: {"pk": ids["job"]}, rule=staff_rule("job.view")),
    Cell("console:job_propose", lambda ids: {"pk": ids["job"]}, staff_rule(None, post=True), "post"),
    Cell("console:job_review", lambda ids: {"pk": ids["job"]}, staff_rule("job.view", post=True), "post"),
    Cell("console:employers", rule=staff_rule(None)),
    Cell("console:employer_new", rule=staff_rule("employer.change", scoped=False)),  # at the clerk's own station
    Cell("console:job_new", lambda ids: {"employer_pk": ids["employer"]}, rule=staff_rule(None, post=True)),
    Cell("console:at_risk", rule=staff_rule(None)),
    Cell(
        "console:placement_confirm",
        lambda ids: {"pk": ids["placement"]},
        staff_rule("attendance.record", post=True),
        "post",
    ),
    Cell("console:followups", rule=staff_rule(None)),
    Cell("console:followup_outcome", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    Cell("console:decisions", rule=staff_rule(None)),
    Cell("console:appeal_decide", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    Cell("console:dispute_decide", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    Cell("console:wage_received", lambda ids: {"pk": ids["wage"]}, staff_rule("wage.change", post=True), "post"),
    Cell("console:staff_calls", rule=staff_rule(None)),
    Cell("console:staff_call_poll", rule=staff_rule(None)),
    Cell("console:staff_call_take", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    Cell("console:staff_call_close", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    Cell("console:messages", rule=staff_rule("notification.view", scoped=False)),
    Cell("console:notices", rule=staff_rule(None)),
    # the kiosk's voice: staff who may record (district-wide; no station scope)
    Cell("console:voice", rule=staff_rule(None, door="voice.record")),
    Cell(
        "console:voice_segment",
        lambda ids: {"language": "bo", "segment_id": "prompt-home"},
        rule=staff_rule(None, door="voice.record"),
    ),
    Cell("console:voice_audio", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, door="voice.record"))),
    Cell(
        "console:voice_approve",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, post=True, door="voice.approve")),
        "post",
    ),
    Cell("console:training", rule=staff_rule("training.view", scoped=False)),
    Cell("console:training_session", lambda ids: {"pk": ids["session"]}, rule=staff_rule("training.view")),
    Cell(
        "console:training_session_cancel",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("training.view", scoped=False, post=True)),
        "post",
    ),
    Cell(
        "console:training_booking",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("training.view", scoped=False, post=True)),
        "post",
    ),  # station staff: their station's; the others pick one first
    Cell("console:notice_hide", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"),
    # policy articles (every back-office role reads; writing and approving by RULES) and the consultation log
    Cell("console:policy_articles", rule=staff_rule(None, door="policy.view")),
    Cell("console:policy_article_new", rule=staff_rule("policy.edit", scoped=False, door="policy.view")),
    Cell("console:policy_article", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, door="policy.view"))),
    Cell(
        "console:policy_version",
        lambda ids: {"pk": ids["missing"], "number": 1},
        missing(staff_rule(None, door="policy.view")),
    ),
    Cell(
        "console:policy_submit",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, door="policy.view")),
        "post",
    ),
    Cell(
        "console:policy_return",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, door="policy.view")),
        "post",
    ),
    Cell(
        "console:policy_publish",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, door="policy.view")),
        "post",
    ),
    Cell(
        "console:policy_withdraw",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, door="policy.view")),
        "post",
    ),
    Cell("console:consultations", rule=staff_rule(None)),
    Cell(
        "console:consultation_answer", lambda ids: {"pk": ids["missing"]}, missing(staff_rule(None, post=True)), "post"
    ),
    Cell(
        "console:consultation_follow_up",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule(None, post=True)),
        "post",
    ),
    Cell("console:stats", rule=staff_rule("stats.view", scoped=False, door="stats.view")),
    Cell("console:stats_csv", rule=staff_rule("stats.view", scoped=False, door="stats.view")),
    Cell("console:stats_xlsx", rule=staff_rule("stats.view", scoped=False, door="stats.view")),
    Cell("console:stats_report", rule=staff_rule("stats.view", scoped=False, door="stats.view")),
    # postings from other platforms (lingong/aggregation): none exists in this district
    Cell("console:imports", rule=staff_rule("import.view", scoped=False, door="import.view")),
    Cell("console:import_source_new", rule=staff_rule("import.manage", scoped=False, door="import.manage")),
    Cell(
        "console:import_source",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("import.manage", scoped=False, door="import.manage")),
    ),
    Cell(
        "console:import_run_now",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("import.manage", scoped=False, door="import.manage", post=True)),
        "post",
    ),
    Cell(
        "console:import_run",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("import.view", scoped=False, door="import.view")),
    ),
    Cell("console:trade_queue", rule=staff_rule("trade_mapping.review", scoped=False, door="trade_mapping.review")),
    Cell(
        "console:trade_correct",
        lambda ids: {"pk": ids["missing"]},
        missing(staff_rule("trade_mapping.review", scoped=False, door="trade_mapping.review", post=True)),
        "post",
    ),
    Cell("dashboard"),  # a redirect to the figures, whose door then decides
    Cell("console:second_factor", rule=lambda r, d: {LOGIN} if r in ("anonymous", "kiosk") else {OK}),
    Cell("console:second_factor_enrol", rule=lambda r, d: {LOGIN} if r in ("anonymous", "kiosk") else {OK}),
    # the rights windows' duty roster: every staff role reads it; the station's staff, officers and the district keep it
    Cell("console:roster", rule=staff_rule("duty.view", scoped=False)),
    Cell("console:roster_shift_new", rule=staff_rule("duty.change", scoped=False, post=True), method="post"),
    Cell("console:roster_shift", lambda ids: {"pk": ids["shift"]}, rule=staff_rule("duty.change")),
    Cell("console:roster_shift_repeat", lambda ids: {"pk": ids["shift"]}, staff_rule("duty.change", post=True), "post"),
    # the first role allowed takes the shift off; for the next ones it is gone ("not found")
    Cell(
        "console:roster_shift_remove",
        lambda ids: {"pk": ids["shift"]},
        missing(staff_rule("duty.change", post=True)),
        "post",
    ),
    # the rights window (its door: any signed-in person; then the case rules)
    Cell("rights:cases", rule=staff_rule("case.view", scoped=False, door=None)),
    Cell("rights:case_new", rule=staff_rule("case.intake", scoped=False, door=None)),
    Cell("rights:case", lambda ids: {"case_id": ids["case"]}, rule=staff_rule("case.view", scoped=False, door=None)),
    Cell(
        "rights:case_mediation",
        lambda ids: {"case_id": ids["case"]},
        staff_rule("case.change", scoped=False, door=None, post=True),
        "post",
    ),
    Cell(
        "rights:case_outcome",
        lambda ids: {"case_id": ids["case"]},
        staff_rule("case.change", scoped=False, door=None, post=True),
        "post",
    ),
    Cell(
        "rights:case_note",
        lambda ids: {"case_id": ids["case"]},
        staff_rule("case.change", scoped=False, door=None, post=True),
        "post",
    ),
    Cell(
        "rights:case_assign",
        lambda ids: {"case_id": ids["case"]},
        staff_rule("case.change", scoped=False, door=None, post=True),
        "post",
    ),
    Cell(
        "rights:case_close",
        lambda ids: {"case_id": ids["case"]},
        staff_rule("case.change", scoped=False, door=None, post=True),
        "post",
    ),
    Cell(
        "rights:case_evidence",
        lambda ids: {"case_id": ids["case"]},
        rule=staff_rule("case.view", scoped=False, door=None),  # a read of the case, as its page
    ),
    # after the hire: the parties and the station's staff
    Cell(
        "agreements:pdf",
        lambda ids: {"agreement_id": ids["agreement"]},
        rule=lambda r, d: (
            {LOGIN}
            if r in ("anonymous", "kiosk")
            else ({OK} if r in ("worker", "employer") or role_allows(d.users[r], "agreement.view") else {DENY})
        ),
    ),
    Cell(
        "attendance:job_checkin_code",
        lambda ids: {"job_id": ids["job"]},
        rule=lambda r, d: (
            {LOGIN}
            if r in ("anonymous", "kiosk")
            else (
                {OK}
                if r == "employer" or role_allows(d.users[r], "attendance.record", station_id=d.station_id)
                else {DENY}
            )
        ),
    ),
]

# Patterns not walked here, and why.
OUT_OF_SCOPE = {
    "healthz": "open to everyone by design (no personal data); 200 or 503 by the system's health: its own tests",
    "metrics": "loopback or a bearer token, not a role: lingong/monitoring/tests/test_health_and_metrics.py",
    "kiosk:setup": "binding a screen as a kiosk: staff at the station, tested in kiosk/tests/test_services.py",
}
ADMIN_PREFIX, API_PREFIX = "admin:", "api:"


def every_url_name() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace if not namespace else f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, inner if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_in_the_matrix():
    placed = {cell.name for cell in PAGES} | set(OUT_OF_SCOPE)
    pages = {n for n in every_url_name() if not n.startswith((ADMIN_PREFIX, API_PREFIX))}
    assert sorted(pages - placed) == [], "a URL without its row in the access matrix"
    assert sorted(placed - pages) == [], "a row for a URL that no longer exists"


class _Undo(Exception):
    """Raised to roll a cell's savepoint back: every cell starts from the same district."""


@contextmanager
def undone(clients: dict):
    """Whatever a cell's requests change (rows, sessions, cookies) is undone after it."""
    cookies = {role: copy.deepcopy(browser.cookies) for role, browser in clients.items()}
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass
    finally:
        for role, browser in clients.items():
            browser.cookies = cookies[role]


def test_every_page_for_every_role(district):
    """One district, every cell in its own savepoint (a matrix of ~1,600 requests in seconds, not minutes)."""
    clients = {role: client_for(district, role) for role in ROLES}
    wrong = []
    for cell in PAGES:
        url = reverse(cell.name, kwargs=cell.args(district.ids))
        with undone(clients):
            for role in ROLES:
                browser = clients[role]
                if cell.at_kiosk and role != "anonymous":
                    browser.cookies[DEVICE_COOKIE] = district.kiosk_token
                elif role != "kiosk":
                    browser.cookies.pop(DEVICE_COOKIE, None)
                response = browser.post(url, cell.data(district.ids)) if cell.method == "post" else browser.get(url)
                got = outcome_of(response, where=f"{cell.name} {role}")
                if got == OK and cell.name.startswith("kiosk:") and browser.session.get("kiosk_error") in REFUSALS:
                    got = DENY  # the kiosk refuses on its home screen, with the reason
                expected = cell.rule(role, district)
                if got not in expected:
                    wrong.append(
                        f"{cell.method.upper()} {url} {role}: {got} ({response.status_code}), "
                        f"expected {sorted(expected)}"
                    )
    assert wrong == [], "\n".join(wrong)


# --- the back office (Django's admin): what each role reads --------------------------------------


def admin_models():
    from django.contrib import admin

    return sorted(admin.site._registry, key=lambda m: m._meta.label)


def admin_may_view(role: str, model) -> bool:
    """`roles.ROLE_ADMIN_VIEWS`: the models each staff role reads; workers and employers read none."""
    from lingong.accounts.models import Role

    role_name = {
        "staff": Role.STATION_STAFF,
        "other_staff": Role.STATION_STAFF,
        "rights": Role.RIGHTS_OFFICER,
        "admin": Role.DISTRICT_ADMIN,
        "auditor": Role.AUDITOR,
    }.get(role)
    if role_name is None:
        return False
    labels = ROLE_ADMIN_VIEWS[role_name]
    if labels == ("*",):
        return model._meta.app_label not in NOT_FOR_ROLES
    return model._meta.label_lower in labels


def test_the_back_office_shows_each_role_what_its_role_reads(district):
    wrong = []
    clients = {role: client_for(district, role) for role in ROLES}
    for role, browser in clients.items():
        index = browser.get("/admin/")
        expected_index = OK if role in STAFF_ROLES else LOGIN
        if outcome_of(index) != expected_index:
            wrong.append(f"/admin/ {role}: {outcome_of(index)}")
    for model in admin_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for role, browser in clients.items():
            got = outcome_of(browser.get(url))
            expected = OK if admin_may_view(role, model) else (LOGIN if role not in STAFF_ROLES else DENY)
            if got != expected:
                wrong.append(f"{url} {role}: {got}, expected {expected}")
    assert wrong == []


# --- the API: every operation × anonymous and the four people with tokens -------------------------


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted((method.upper(), path) for path, methods in schema["paths"].items() for method in methods)


def api_expected(method: str, path: str, role: str) -> str:
    """Public reference data and sign-in for all; `/worker/…` for workers, `/employer/…` for employers
    (`api.auth`); an object of the other worker or employer is not found for them; `/stats/…` for staff."""
    own = "{" in path and "{course_id}" not in path  # a training course is for every worker
    for door, people in (
        ("/api/v1/worker/", ("worker", "other_worker")),
        ("/api/v1/employer/", ("employer", "other_employer")),
    ):
        if path.startswith(door):
            if role not in people:  # anonymous, the other door's people, staff (the API knows no staff)
                return DENY
            if role.startswith("other_") and own:
                return DENY
            return OK
    if path.startswith("/api/v1/stats/"):  # the back office's figures: a staff session, never an app token
        return OK if role == "staff" else DENY
    if path in ("/api/v1/auth/sign-out", "/api/v1/jobs"):  # any app token, worker's or employer's
        return DENY if role in ("anonymous", "staff") else OK
    return OK


def api_path(path: str, ids: dict) -> str:
    return (
        path.replace("{job_id}", str(ids["job"]))
        .replace("{application_id}", str(ids["application"]))
        .replace("{placement_id}", str(ids["placement"]))
        .replace("{course_id}", str(ids["course"]))
        .replace("{booking_id}", str(ids["booking"]))
    )


def test_every_api_operation_is_in_the_matrix():
    for _method, path in api_operations():
        assert path.startswith("/api/v1/") and (
            "{" not in path
            or api_path(path, {"job": 1, "application": 1, "placement": 1, "course": 1, "booking": 1}).count("{") == 0
        ), path


def test_every_api_operation_for_every_role(district):
    staff = client_for(district, "staff")  # staff: a console session, which the API does not take
    clients = {"staff": staff}
    wrong = []
    for method, path in api_operations():
        url = api_path(path, district.ids)
        with undone(clients):
            for role in ("anonymous", "worker", "other_worker", "employer", "other_employer", "staff"):
                browser = staff if role == "staff" else Client()
                headers = {"HTTP_AUTHORIZATION": f"Bearer {district.tokens[role]}"} if role in district.tokens else {}
                call = getattr(browser, method.lower())
                response = (
                    call(url, data="{}", content_type="application/json", **headers)
                    if method != "GET"
                    else call(url, **headers)
                )
                got = outcome_of(response, where=f"{method} {url} {role}")
                expected = api_expected(method, path, role)
                if got == OK and expected == DENY and method != "GET" and response.status_code in (400, 422):
                    got = DENY  # an empty body refused before the object is looked at: nothing happened
                if got != expected:
                    wrong.append(f"{method} {url} {role}: {got} ({response.status_code}), expected {expected}")
    assert wrong == [], "\n".join(wrong)
