"""Staff put up and take down their station's news (the screens' 工作剪影 board)."""

from __future__ import annotations

import io
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from lingong.accounts.selectors import role_require
from lingong.core.errors import InvalidInput
from lingong.core.services import event_record

from .models import StationNotice

PHOTO_MAX_BYTES = 8 * 1024 * 1024  # a phone's photo; larger is refused before it is opened
PHOTO_EDGE = 1600  # pixels: plenty for a 55-inch screen from 5 m
PHOTO_MAX_PIXELS = 50_000_000  # a phone's camera has ~12-50 MP; a few MB can claim far more and fill memory


def _photo_jpeg(upload) -> bytes:
    """The upload as a JPEG no larger than PHOTO_EDGE, or a clear refusal (never a server error)."""
    if upload.size > PHOTO_MAX_BYTES:
        raise InvalidInput(_("The photo is too large (8 MB at most)."), code="photo_too_large", field="photo")
    try:
        with Image.open(upload) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:  # asked before anything is decoded
                raise InvalidInput(_("This file is not a photo."), code="photo_invalid", field="photo")
            image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))  # a JPEG decodes at a fraction of its size
            image.load()
            picture = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise InvalidInput(_("This file is not a photo."), code="photo_invalid", field="photo") from error
    picture.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


@transaction.atomic
def station_notice_post(
    *,
    actor,
    station,
    title_zh: str,
    title_bo: str,
    body_zh: str = "",
    body_bo: str = "",
    shown_until: date | None = None,
    photo=None,
) -> StationNotice:
    role_require(actor, "notice.change", station_id=station.pk)
    if shown_until is not None and shown_until < timezone.localdate():
        raise InvalidInput(_("The last day to show it has passed."), code="notice_past", field="shown_until")
    notice = StationNotice(
        station=station,
        title_zh=title_zh.strip(),
        title_bo=title_bo.strip(),
        body_zh=body_zh.strip(),
        body_bo=body_bo.strip(),
        shown_until=shown_until,
        photo=_photo_jpeg(photo) if photo else b"",
        created_by=actor,
    )
    notice.full_clean()
    notice.save()
    event_record(subject=notice, verb="notice_post", actor=actor, station=station, channel="web")
    return notice


@transaction.atomic
def station_notice_hide(*, actor, notice: StationNotice) -> StationNotice:
    role_require(actor, "notice.change", station_id=notice.station_id)
    notice = StationNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.hidden_at is None:
        notice.hidden_at = timezone.now()
        notice.save(update_fields=["hidden_at", "updated_at"])
        event_record(subject=notice, verb="notice_hide", actor=actor, station=notice.station, channel="web")
    return notice
