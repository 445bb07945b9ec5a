"""Rotating FIELD_ENCRYPTION_KEY (`manage.py field_key_rotate`; docs/operations.md, "Rotating keys").

With the new key in FIELD_ENCRYPTION_KEY and the old one in
FIELD_ENCRYPTION_KEY_FALLBACKS, every sealed value is sealed again and every
blind-index digest computed again from the value it indexes, under the new key,
in one transaction: all of it happens or none of it. A value already under the
current key is left as it is, so a second run changes nothing.

The columns are named by model label, as the backup names its tables:
operations sits below the apps that hold the personal data and imports none of
them. A `*_sealed` or `*_digest` column that `COLUMNS` does not know stops the
rotation, so a column added later cannot be left behind under the old key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from django.apps import apps
from django.conf import settings
from django.db import transaction

from lingong.accounts.models import SmsCode
from lingong.core.crypto import seal, unseal_which
from lingong.core.personal import personal_digest

from .backup import key_fingerprint

logger = logging.getLogger("lingong.operations")
BATCH = 500
PURGED = "purged-"  # a purged person's digest (`privacy.services._placeholder`): identifies nobody, stays


@dataclass(frozen=True)
class Column:
    sealed: str
    purpose: str
    digest: str = ""  # the blind index of the same value, if the table keeps one


COLUMNS: dict[str, tuple[Column, ...]] = {
    "workers.Worker": (
        Column("id_number_sealed", "id_number", "id_number_digest"),
        Column("phone_sealed", "phone", "phone_digest"),
    ),
    "employers.Employer": (
        Column("id_number_sealed", "id_number", "id_number_digest"),  # individuals only; blank for enterprises
        Column("contact_phone_sealed", "phone", "contact_phone_digest"),
    ),
    "stations.Kiosk": (Column("secret_sealed", "kiosk"),),
    "notifications.Notification": (
        Column("phone_sealed", "phone"),
        Column("payload_sealed", "notification"),  # blank once sent or failed
        Column("params_sealed", "notification"),
    ),
    "accounts.SmsOutbox": (Column("phone_sealed", "phone"),),
    "aggregation.ImportSource": (Column("credentials_sealed", "import_source_credentials"),),  # blank: no key
}
# A digest with no sealed value beside it cannot be computed again: the unused codes are deleted instead.
NOT_REINDEXED = {("accounts.SmsCode", "phone_digest")}


class FieldKeyError(Exception):
    pass


@dataclass
class TableCount:
    table: str
    rows: int = 0
    resealed: int = 0  # values sealed again under the current key (in a dry run: that would be)
    reindexed: int = 0  # digests computed again under the current key


@dataclass
class Rotation:
    dry_run: bool
    current: str  # key fingerprints (`backup.key_fingerprint`): which key, never the key
    fallbacks: list[str]
    tables: list[TableCount] = field(default_factory=list)
    sms_codes_deleted: int = 0
    still_old: int = 0  # values and digests under an old key after the run (a dry run: before it)


def _unknown_columns() -> list[str]:
    known = set(NOT_REINDEXED)
    for label, columns in COLUMNS.items():
        known |= {(label, name) for column in columns for name in (column.sealed, column.digest) if name}
    found = {
        (model._meta.label, f.name)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.name.endswith(("_sealed", "_digest"))
    }
    return sorted(f"{label}.{name}" for label, name in found - known)


def _table_pass(label: str, columns: tuple[Column, ...], *, write: bool, unreadable: list[str]) -> TableCount:
    """One pass over a table in batches of BATCH rows (by primary key: no cursor stays open while it writes)."""
    model = apps.get_model(label)
    names = [name for column in columns for name in (column.sealed, column.digest) if name]
    count, last = TableCount(model._meta.db_table), None
    while True:
        rows = model._base_manager.order_by("pk").only("pk", *names)
        batch = list((rows.filter(pk__gt=last) if last is not None else rows)[:BATCH])
        if not batch:
            return count
        last = batch[-1].pk
        changed = []
        for row in batch:
            before = (count.resealed, count.reindexed)
            for column in columns:
                _column_renew(row, column, count=count, unreadable=unreadable, label=label)
            if (count.resealed, count.reindexed) != before:
                changed.append(row)
        count.rows += len(batch)
        if write and changed:
            model._base_manager.bulk_update(changed, names)


def _column_renew(row, column: Column, *, count: TableCount, unreadable: list[str], label: str) -> None:
    token = getattr(row, column.sealed)
    if not token:
        return
    try:
        value, key_index = unseal_which(token, purpose=column.purpose)
    except (InvalidTag, ValueError):
        unreadable.append(f"{label}.{column.sealed} pk={row.pk}")
        return
    if key_index:
        setattr(row, column.sealed, seal(value, purpose=column.purpose))
        count.resealed += 1
    digest = getattr(row, column.digest) if column.digest else None
    if digest and not digest.startswith(PURGED):
        fresh = personal_digest(value, kind=column.purpose)
        if digest != fresh:
            setattr(row, column.digest, fresh)
            count.reindexed += 1


def _passes(*, write: bool) -> list[TableCount]:
    unreadable: list[str] = []
    counts = [_table_pass(label, columns, write=write, unreadable=unreadable) for label, columns in COLUMNS.items()]
    if unreadable:
        raise FieldKeyError(
            f"{len(unreadable)} value(s) open with no key, neither FIELD_ENCRYPTION_KEY nor a fallback "
            f"(first: {', '.join(unreadable[:5])}). Nothing was changed: put the key they were sealed with "
            "in FIELD_ENCRYPTION_KEY_FALLBACKS and run again."
        )
    return counts


def _keys_check() -> list[str]:
    fallbacks = list(settings.FIELD_ENCRYPTION_KEY_FALLBACKS)
    if not fallbacks:
        raise FieldKeyError(
            "FIELD_ENCRYPTION_KEY_FALLBACKS is empty: put the new key in FIELD_ENCRYPTION_KEY "
            "and the old one in FIELD_ENCRYPTION_KEY_FALLBACKS, then run again."
        )
    if settings.FIELD_ENCRYPTION_KEY in fallbacks:
        raise FieldKeyError(
            "FIELD_ENCRYPTION_KEY_FALLBACKS holds FIELD_ENCRYPTION_KEY itself: "
            "the new key goes in FIELD_ENCRYPTION_KEY, the old one in the fallbacks."
        )
    try:
        unseal_which(seal("probe", purpose="probe"), purpose="probe")  # derives every key
    except ValueError as error:
        raise FieldKeyError(f"A field encryption key cannot be used: {error}") from None
    unknown = _unknown_columns()
    if unknown:
        raise FieldKeyError(
            f"Sealed or digest columns this rotation does not know: {', '.join(unknown)}. "
            "Add them to COLUMNS in lingong/operations/field_keys.py."
        )
    return fallbacks


def field_key_rotate(*, dry_run: bool = False) -> Rotation:
    """Seal every value and compute every digest again under the current key; refuse, changing nothing, if it cannot.

    Run with the web and the consumers stopped: a look-up by digest between two
    batches would miss a person. SMS codes are found by a digest of the phone
    and nothing else: the unused ones (a code lives ten minutes) are deleted,
    the used ones only count for the hourly limit and go with the retention sweep.
    """
    fallbacks = _keys_check()
    rotation = Rotation(
        dry_run=dry_run, current=key_fingerprint(), fallbacks=[key_fingerprint(key) for key in fallbacks]
    )
    with transaction.atomic():
        rotation.tables = _passes(write=not dry_run)
        unused_codes = SmsCode.objects.filter(used_at__isnull=True)
        rotation.sms_codes_deleted = unused_codes.count() if dry_run else unused_codes.delete()[0]
        if dry_run:
            rotation.still_old = sum(t.resealed + t.reindexed for t in rotation.tables)
        else:
            rotation.still_old = sum(t.resealed + t.reindexed for t in _passes(write=False))
            if rotation.still_old:  # cannot happen; if it did, nothing is half done
                raise FieldKeyError(f"{rotation.still_old} value(s) still under an old key after the run: rolled back.")
    if not dry_run:
        logger.info(
            "field encryption key rotated to %s: %s values re-sealed, %s digests recomputed, %s SMS codes deleted",
            rotation.current,
            sum(t.resealed for t in rotation.tables),
            sum(t.reindexed for t in rotation.tables),
            rotation.sms_codes_deleted,
        )
    return rotation
