import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import AccessLog, Event
from lingong.employers.models import Employer
from lingong.employers.services import employer_register, employer_reveal, employer_verify
from lingong.jobs.tests.factories import post_job

pytestmark = pytest.mark.django_db


def register(stations, staff, **overrides):
    kwargs = dict(
        kind="individual",
        name="次仁",
        id_number="11010519491231002X",
        contact_name="次仁",
        contact_phone="13912345678",
        address="拉萨市城关区娘热路",
        channel="window",
        actor=staff,
        station=stations["gongdelin"],
    )
    kwargs.update(overrides)
    return employer_register(**kwargs)


def test_individual_is_identified_by_a_sealed_id_number(stations, staff):
    employer = register(stations, staff)
    assert (employer.kind, employer.uscc, employer.id_number_masked) == ("individual", None, "110105********002X")
    assert employer.contact_phone_masked == "139****5678"
    assert "11010519491231002X" not in employer.id_number_sealed
    assert employer.verification == "pending"


def test_enterprise_is_identified_by_its_credit_code(employer):
    assert (employer.kind, employer.uscc, employer.id_number_digest) == ("enterprise", "91540100MA6T11117H", None)


@pytest.mark.parametrize(
    "override, code",
    [
        ({"kind": "club"}, "invalid_kind"),
        ({"name": ""}, "name_required"),
        ({"contact_name": " "}, "contact_required"),
        ({"address": ""}, "address_required"),
        ({"contact_phone": "12"}, "length"),
        ({"id_number": "110105194912310021"}, "checksum"),
        ({"kind": "enterprise", "uscc": "91540100MA6T11117A"}, "checksum"),
        ({"kind": "enterprise", "uscc": "not a code"}, "length"),
        ({"kind": "enterprise", "uscc": "91540100MA6T1111IH"}, "format"),
    ],
)
def test_bad_employer_input_is_refused_and_changes_nothing(stations, staff, override, code):
    with pytest.raises(InvalidInput) as caught:
        register(stations, staff, **override)
    assert caught.value.code == code
    assert (Employer.objects.count(), Event.objects.count()) == (0, 0)


def test_the_same_employer_cannot_register_twice(stations, staff, employer):
    register(stations, staff)
    with pytest.raises(Conflict):
        register(stations, staff, contact_phone="13700000000")
    with pytest.raises(Conflict):
        register(stations, staff, kind="enterprise", uscc=employer.uscc)
    assert Employer.objects.count() == 2


def test_verification_by_staff_of_the_station(stations, staff, other_staff, employer, job_types):
    with pytest.raises(NotAllowed):
        employer_verify(employer=employer, actor=other_staff, approve=True)
    with pytest.raises(InvalidInput):
        employer_verify(employer=employer, actor=staff, approve=False, note="")
    employer_verify(employer=employer, actor=staff, approve=False, note="营业执照无法核实")
    employer.refresh_from_db()
    assert (employer.verification, employer.verified_by) == ("rejected", staff)
    with pytest.raises(NotAllowed) as caught:
        post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    assert caught.value.code == "employer_rejected"


def test_reveal_is_logged_with_the_reason(stations, staff, auditor):
    employer = register(stations, staff)
    with pytest.raises(NotAllowed):
        employer_reveal(employer=employer, field="id_number", actor=auditor, reason="检查")
    assert (
        employer_reveal(employer=employer, field="id_number", actor=staff, reason="核对雇主身份")
        == "11010519491231002X"
    )
    assert employer_reveal(employer=employer, field="contact_phone", actor=staff, reason="联系雇主") == "13912345678"
    assert AccessLog.objects.count() == 2


def test_window_registration_needs_staff_allowed_to_change_employers(stations, auditor, other_staff):
    for actor in (auditor, other_staff, None):
        with pytest.raises(NotAllowed):
            register(stations, actor)
    assert Employer.objects.count() == 0
