"""Back up, wipe, restore: every row and every decryptable field comes back equal (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from lingong.attendance.tests.helpers import make_placement
from lingong.core.crypto import unseal
from lingong.employers.models import Employer
from lingong.operations.backup import backup_manifest, row_counts
from lingong.workers.models import Worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("backup")]


def every_row() -> dict[str, list]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def opened_fields() -> list[tuple]:
    """Every sealed personal field, decrypted: the restored ciphertexts must still open with the key."""
    workers = [
        (w.pk, unseal(w.id_number_sealed, purpose="id_number"), unseal(w.phone_sealed, purpose="phone"))
        for w in Worker.objects.order_by("pk")
    ]
    employers = [(e.pk, unseal(e.contact_phone_sealed, purpose="phone")) for e in Employer.objects.order_by("pk")]
    return workers + employers


@pytest.fixture
def district(employer, job_types, staff, register_worker):
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    register_worker(trades=("cook",))
    return placement


def test_backup_wipe_restore_brings_back_every_row_and_field(district, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "evidence").mkdir(parents=True)
    (tmp_path / "media" / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    before_rows, before_fields = every_row(), opened_fields()
    assert len(before_fields) >= 3

    call_command("backup", to=str(tmp_path / "backups"))
    out = capsys.readouterr().out
    assert "FIELD_ENCRYPTION_KEY" in out  # the reminder: the keys are not in the backup
    [backup] = list((tmp_path / "backups").iterdir())
    manifest = backup_manifest(backup)
    assert manifest["rows"]["workers_worker"] == 2
    assert settings.FIELD_ENCRYPTION_KEY not in json.dumps(manifest) + (backup / "KEYS.txt").read_text()
    if manifest["engine"] == "sqlite":
        assert settings.FIELD_ENCRYPTION_KEY.encode() not in (backup / "database.sqlite3").read_bytes()

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / "evidence" / "photo.jpg").unlink()
    assert row_counts()["workers_worker"] == 0

    with pytest.raises(CommandError):
        call_command("restore", str(backup))  # not without --yes
    call_command("restore", str(backup), yes=True)
    assert every_row() == before_rows
    assert opened_fields() == before_fields
    assert (tmp_path / "media" / "evidence" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"


def test_restore_refuses_another_key(district, tmp_path, settings):
    call_command("backup", to=str(tmp_path))
    [backup] = list(tmp_path.iterdir())
    settings.FIELD_ENCRYPTION_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
    with pytest.raises(CommandError, match="not the key this backup was sealed with"):
        call_command("restore", str(backup), yes=True)
    assert Worker.objects.count() == 2  # nothing was restored


def test_restore_refuses_a_folder_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="Not a Lingong backup"):
        call_command("restore", str(tmp_path), yes=True)


def test_a_backup_sealed_with_the_old_key_restores_while_it_is_a_fallback(district, tmp_path, settings, capsys):
    call_command("backup", to=str(tmp_path))
    [backup] = list(tmp_path.iterdir())
    before_fields = opened_fields()
    old, new = settings.FIELD_ENCRYPTION_KEY, "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleS0="
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEY_FALLBACKS = new, [old]
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(backup), yes=True)
    assert "run `manage.py field_key_rotate` now" in capsys.readouterr().out
    call_command("field_key_rotate")
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = []
    assert opened_fields() == before_fields  # the new key alone opens everything
