from datetime import date, timedelta

import pytest
from django.conf import settings

from lingong.core.crypto import unseal
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.idnumber import check_character
from lingong.core.models import AccessLog, Event
from lingong.testing.clock import TEST_TODAY
from lingong.workers.models import Consent, Worker
from lingong.workers.selectors import (
    access_worker,
    worker_find_by_id_number,
    worker_find_by_phone,
    worker_list_for_staff,
)
from lingong.workers.services import TradeSkill, worker_hide, worker_reveal

pytestmark = pytest.mark.django_db


def id_for(birth: str, seq: str = "123", division: str = "540102") -> str:
    first17 = division + birth + seq
    return first17 + check_character(first17)


def birthday_years_before(day: date, years: int) -> date:
    """The same day `years` years earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def born_on(day: date) -> str:
    return f"{day:%Y%m%d}"


def test_register_derives_birth_and_sex_and_protects_personal_data(register_worker):
    number = id_for("19800615", "131")  # odd 17th digit: male
    worker = register_worker(id_number=number.lower(), phone="+86 139-1234-5678")
    assert (worker.birth_date, worker.sex) == (date(1980, 6, 15), "male")
    assert worker.id_number_masked == number[:6] + "********" + number[-4:]
    assert worker.phone_masked == "139****5678"
    assert number not in worker.id_number_sealed and "13912345678" not in worker.phone_sealed
    assert unseal(worker.id_number_sealed, purpose="id_number") == number
    consent = Consent.objects.get(worker=worker)
    assert (consent.notice_version, consent.channel, consent.read_aloud) == (
        settings.CONSENT_NOTICE_VERSION,
        "window",
        True,
    )
    assert consent.recorded_by is not None
    assert worker.user.role == "worker" and not worker.user.has_usable_password()


def test_lookup_by_digest_finds_the_worker(register_worker):
    number = id_for("19750101")
    worker = register_worker(id_number=number, phone="13811112222")
    assert worker_find_by_id_number(id_number=number.lower()) == worker
    assert worker_find_by_phone(phone="138 1111 2222") == worker
    assert worker_find_by_id_number(id_number="not a number") is None


@pytest.mark.parametrize(
    "override, code",
    [
        ({"id_number": "11010519491231002"}, "length"),
        ({"id_number": "110105194912310021"}, "checksum"),
        # turns 16 tomorrow (on any test day, 29 February included)
        ({"id_number": id_for(born_on(birthday_years_before(TEST_TODAY, 16) + timedelta(days=1)))}, "too_young"),
        ({"id_number": "💥" * 18}, "format"),
        ({"phone": "12345"}, "length"),
        ({"name": "  "}, "invalid_name"),
        ({"trades": ()}, "trades_required"),
        ({"consent_notice_version": "1999-01"}, "consent_required"),
        ({"availability_mask": 0}, "availability_required"),
        ({"travel_km": 0}, "invalid_travel_km"),
    ],
)
def test_bad_registration_is_refused_and_changes_nothing(register_worker, override, code):
    before = (Worker.objects.count(), Event.objects.count(), Consent.objects.count())
    with pytest.raises(InvalidInput) as caught:
        register_worker(**override)
    assert caught.value.code == code
    assert str(caught.value.message)
    assert (Worker.objects.count(), Event.objects.count(), Consent.objects.count()) == before


def test_juvenile_workers_are_registered_and_flagged(register_worker, today):
    turns_17_tomorrow = birthday_years_before(today, 17) + timedelta(days=1)
    worker = register_worker(id_number=id_for(born_on(turns_17_tomorrow)), today=today)
    assert worker.is_juvenile_on(today)
    assert Event.objects.get(verb="worker_register", subject_id=str(worker.pk)).data == {"juvenile": True}


def test_same_id_number_or_phone_twice_is_refused(register_worker):
    number = id_for("19700101")
    register_worker(id_number=number, phone="13700000001")
    with pytest.raises(Conflict) as caught:
        register_worker(id_number=number, phone="13700000002")
    assert caught.value.code == "already_registered"
    with pytest.raises(Conflict) as caught:
        register_worker(id_number=id_for("19700102"), phone="13700000001")
    assert caught.value.code == "phone_taken"
    assert Worker.objects.count() == 1


def test_legacy_numbers_only_through_import(register_worker):
    legacy = "540102800615131"
    with pytest.raises(InvalidInput) as caught:
        register_worker(id_number=legacy)
    assert caught.value.code == "legacy_15"
    with pytest.raises(InvalidInput):
        register_worker(id_number=legacy, allow_legacy_15=True)  # not from the import channel
    worker = register_worker(id_number=legacy, allow_legacy_15=True, channel="import", actor=None)
    assert worker.birth_date == date(1980, 6, 15)


def test_assisted_registration_needs_staff(register_worker, make_user):
    worker_user = make_user("worker")
    with pytest.raises(NotAllowed):
        register_worker(actor=worker_user)
    assert Worker.objects.count() == 0


def test_reveal_needs_role_station_and_reason_and_is_logged(register_worker, staff, other_staff, auditor, admin_user):
    number = id_for("19820202")
    worker = register_worker(id_number=number)
    for actor in (other_staff, auditor):
        with pytest.raises(NotAllowed):
            worker_reveal(worker=worker, field="id_number", actor=actor, reason="核对身份")
    with pytest.raises(InvalidInput):
        worker_reveal(worker=worker, field="id_number", actor=staff, reason="")
    assert AccessLog.objects.count() == 0
    assert worker_reveal(worker=worker, field="id_number", actor=staff, reason="签订协议核对身份") == number
    assert worker_reveal(worker=worker, field="phone", actor=admin_user, reason="电话回访") == "13900000001"
    assert list(AccessLog.objects.order_by("id").values_list("field", "reason")) == [
        ("id_number", "签订协议核对身份"),
        ("phone", "电话回访"),
    ]


def test_staff_views_are_masked_and_role_checked(register_worker, staff, make_user):
    worker = register_worker()
    assert access_worker(user=staff, worker_id=worker.pk) == worker
    assert access_worker(user=worker.user, worker_id=worker.pk) == worker
    with pytest.raises(NotAllowed):
        access_worker(user=make_user("employer"), worker_id=worker.pk)
    assert list(worker_list_for_staff(user=staff, query="扎西")) == [worker]


def test_hide_stops_processing(register_worker, staff):
    worker = register_worker()
    worker_hide(worker=worker, actor=worker.user, channel="app")
    worker.refresh_from_db()
    assert not worker.is_active and worker.hidden_at is not None
    assert worker_find_by_phone(phone="13900000001") is None


def test_trade_levels_are_checked(register_worker, job_types):
    with pytest.raises(InvalidInput) as caught:
        register_worker(trades=[TradeSkill(job_types["mover"], level=6)])
    assert caught.value.code == "invalid_level"
