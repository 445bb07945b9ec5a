"""`manage.py field_key_rotate`: every sealed value and every digest moves to the new key, or nothing moves."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from cryptography.exceptions import InvalidTag
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from lingong.accounts.models import SmsCode, SmsOutbox
from lingong.core.crypto import seal, unseal, unseal_which
from lingong.core.personal import personal_digest
from lingong.employers.selectors import employer_find_by_contact_phone
from lingong.employers.services import employer_register
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.notifications.services import notification_send
from lingong.operations.field_keys import COLUMNS, _unknown_columns
from lingong.privacy.services import privacy_deletion_request, privacy_purge_due
from lingong.stations.models import Kiosk
from lingong.stations.services import kiosk_register, kiosk_secret
from lingong.workers.selectors import worker_find_by_id_number, worker_find_by_phone

NEW_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleS0="
OTHER_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
INDIVIDUAL_ID = "540102198001011234"


def rotated():
    """The new key, with the one the data was sealed with (the test settings') as the fallback."""
    return override_settings(
        FIELD_ENCRYPTION_KEY=NEW_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=[settings.FIELD_ENCRYPTION_KEY]
    )


def new_key_alone():
    return override_settings(FIELD_ENCRYPTION_KEY=NEW_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=[])


def stored() -> dict[str, list]:
    """Every row of every table the rotation touches, as stored."""
    labels = [*COLUMNS, "accounts.SmsCode"]
    return {label: list(apps.get_model(label)._base_manager.order_by("pk").values()) for label in labels}


def opened() -> dict[tuple, str]:
    """Every non-blank sealed value, opened with whatever keys the settings give."""
    values = {}
    for label, columns in COLUMNS.items():
        for row in apps.get_model(label)._base_manager.order_by("pk").values():
            for column in columns:
                if row[column.sealed]:
                    values[(label, row["id"], column.sealed)] = unseal(row[column.sealed], purpose=column.purpose)
    return values


@pytest.fixture
def district(register_worker, employer, staff, stations, admin_user, id_numbers, django_capture_on_commit_callbacks):
    """Workers (one purged), two employers (one a person with an ID number), a kiosk, messages, SMS codes."""
    workers = [register_worker(), register_worker()]
    purged = register_worker()
    privacy_deletion_request(subject=purged, actor=staff, channel="window")
    assert privacy_purge_due(now=timezone.now() + timedelta(days=800)) == 1
    person = employer_register(
        kind="individual",
        name="次仁",
        id_number=id_numbers[150],
        contact_name="次仁",
        contact_phone="13700137000",
        address="拉萨市城关区",
        channel="window",
        actor=staff,
        station=stations["gongdelin"],
    )
    kiosk, secret = kiosk_register(station=stations["gongdelin"], code="K-1", label="一号机", actor=admin_user)
    notification_send(
        kind="hire", phone="13900000001", language="zh-hans", message="Hired for %(job)s", params={"job": "搬运"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone="13900000002", purpose="worker_sign_in")  # delivered: an SmsOutbox row
    code = re.search(r"\d{6}", SmsOutbox.objects.get().body).group()
    sms_code_verify(phone="13900000002", purpose="worker_sign_in", code=code)  # used: stays
    SmsCode.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    sms_code_send(phone="13900000001", purpose="worker_sign_in")  # unused: deleted by the rotation
    return {"workers": workers, "purged": purged, "person": person, "employer": employer, "kiosk": (kiosk, secret)}


def test_the_rotation_moves_every_value_and_digest_to_the_new_key(district, capsys):
    before_values = opened()
    before = stored()
    # 3 workers x 2; 3 of the employers (the enterprise has no ID number); the kiosk; 3 messages x 3 but the sent
    # one's payload and parameters (emptied once sent); the embedded SMS backend's copy.
    assert len(before_values) == 6 + 3 + 1 + 7 + 1

    with rotated():
        call_command("field_key_rotate")
    out = capsys.readouterr().out
    assert "workers_worker: 3 rows, 6 values re-sealed, 4 digests recomputed" in out  # the purged one keeps its digests
    assert "employers_employer: 2 rows, 3 values re-sealed, 3 digests recomputed" in out
    assert "stations_kiosk: 1 rows, 1 values re-sealed, 0 digests recomputed" in out
    assert "notifications_notification: 3 rows, 7 values re-sealed, 0 digests recomputed" in out
    assert "accounts_smsoutbox: 1 rows, 1 values re-sealed, 0 digests recomputed" in out
    assert "accounts_smscode: 1 unused SMS codes deleted" in out
    assert "0 still under an old key" in out

    with new_key_alone():
        assert opened() == before_values  # every value opens with the new key alone, and is what it was
        after = stored()
        for label, columns in COLUMNS.items():
            for row in after[label]:
                for column in columns:
                    if row[column.sealed]:
                        assert unseal_which(row[column.sealed], purpose=column.purpose)[1] == 0
                    if column.digest and row[column.digest] and not row[column.digest].startswith("purged-"):
                        value = before_values[(label, row["id"], column.sealed)]
                        assert row[column.digest] == personal_digest(value, kind=column.purpose)
        worker = district["workers"][0]
        assert (
            worker_find_by_id_number(id_number=before_values[("workers.Worker", worker.pk, "id_number_sealed")])
            == worker
        )
        assert worker_find_by_phone(phone="13900000001") == worker
        assert employer_find_by_contact_phone(phone="13700137000") == district["person"]
        assert employer_find_by_contact_phone(phone="13800138000") == district["employer"]
        kiosk, secret = district["kiosk"]
        assert kiosk_secret(Kiosk.objects.get(pk=kiosk.pk)) == secret
    purged = [row for row in after["workers.Worker"] if row["id"] == district["purged"].pk][0]
    assert (purged["id_number_digest"], purged["phone_digest"]) == (
        f"purged-id_number-{district['purged'].pk}",
        f"purged-phone-{district['purged'].pk}",
    )
    assert [c["used_at"] is not None for c in after["accounts.SmsCode"]] == [True]  # the used code stays

    # The old key alone opens nothing any more.
    for label, columns in COLUMNS.items():
        for row in after[label]:
            for column in columns:
                if row[column.sealed]:
                    with pytest.raises(InvalidTag):
                        unseal(row[column.sealed], purpose=column.purpose)
    # No row came or went but the unused code.
    assert {label: len(rows) for label, rows in after.items()} == {
        **{label: len(rows) for label, rows in before.items()},
        "accounts.SmsCode": 1,
    }

    # A second run finds nothing under the old key and changes nothing.
    with rotated():
        call_command("field_key_rotate")
    out = capsys.readouterr().out
    assert "workers_worker: 3 rows, 0 values re-sealed, 0 digests recomputed" in out
    assert "0 still under an old key" in out
    assert stored() == after


def test_a_dry_run_counts_and_writes_nothing(district, capsys):
    before = stored()
    with rotated():
        call_command("field_key_rotate", dry_run=True)
    out = capsys.readouterr().out
    assert "workers_worker: 3 rows, 6 values would be re-sealed, 4 digests would be recomputed" in out
    assert "accounts_smscode: 1 unused SMS codes would be deleted" in out
    # 18 values and 7 digests (4 of the workers', the purged one's stay; 3 of the employers')
    assert "25 still under an old key. Dry run: nothing was written." in out
    assert stored() == before


def test_without_a_fallback_the_rotation_refuses_and_changes_nothing(district):
    before = stored()
    with new_key_alone(), pytest.raises(CommandError, match="FIELD_ENCRYPTION_KEY_FALLBACKS is empty"):
        call_command("field_key_rotate")
    with override_settings(FIELD_ENCRYPTION_KEY_FALLBACKS=[settings.FIELD_ENCRYPTION_KEY]):
        with pytest.raises(CommandError, match="holds FIELD_ENCRYPTION_KEY itself"):
            call_command("field_key_rotate")
    with override_settings(FIELD_ENCRYPTION_KEY=NEW_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=["not-a-key"]):
        with pytest.raises(CommandError, match="A field encryption key cannot be used"):
            call_command("field_key_rotate")
    assert stored() == before


def test_a_value_no_key_opens_stops_the_rotation_and_changes_nothing(district):
    with override_settings(FIELD_ENCRYPTION_KEY=OTHER_KEY):
        Kiosk.objects.filter(pk=district["kiosk"][0].pk).update(secret_sealed=seal("lost", purpose="kiosk"))
    before = stored()
    with (
        rotated(),
        pytest.raises(CommandError, match=r"1 value\(s\) open with no key.*stations.Kiosk.secret_sealed pk="),
    ):
        call_command("field_key_rotate")
    assert stored() == before  # the workers and employers, rotated before the kiosk was reached, are rolled back


def test_every_sealed_and_digest_column_is_known_to_the_rotation():
    assert _unknown_columns() == []
    for label, columns in COLUMNS.items():
        model = apps.get_model(label)
        for column in columns:
            model._meta.get_field(column.sealed)
            if column.digest:
                model._meta.get_field(column.digest)
