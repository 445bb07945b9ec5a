"""Reads of workers, with access checks; look-ups by the keyed digest only."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.core.geo import DISTRICT_CENTRE
from lingong.core.idnumber import validate_resident_id
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.validation import ValidationProblem

from .models import Worker


def worker_find_by_id_number(*, id_number: str) -> Worker | None:
    """The worker holding this ID number, or None (also for a malformed number)."""
    try:
        number = validate_resident_id(id_number).number
    except ValidationProblem:
        return None
    return Worker.objects.filter(id_number_digest=personal_digest(number, kind="id_number"), is_active=True).first()


def worker_find_by_phone(*, phone: str) -> Worker | None:
    try:
        phone = validate_mobile_phone(phone)
    except ValidationProblem:
        return None
    return Worker.objects.filter(phone_digest=personal_digest(phone, kind="phone"), is_active=True).first()


def access_worker(*, user, worker_id: int) -> Worker:
    """A worker's record for the worker themselves or staff allowed to view workers."""
    worker = Worker.objects.select_related("registered_station").filter(pk=worker_id).first()
    if worker is None:
        raise NotFound()
    if getattr(user, "is_authenticated", False) and user.pk == worker.user_id:
        return worker
    role_require(user, "worker.view")
    return worker


def worker_list_for_staff(*, user, query: str = "") -> QuerySet[Worker]:
    """Workers staff may see; search by exact phone/ID (via digest) or by name."""
    role_require(user, "worker.view")
    workers = Worker.objects.filter(is_active=True).select_related("registered_station")
    query = (query or "").strip()
    if not query:
        return workers
    for finder in (worker_find_by_id_number, worker_find_by_phone):
        found = finder(**{"id_number" if finder is worker_find_by_id_number else "phone": query})
        if found is not None:
            return workers.filter(pk=found.pk)
    return workers.filter(name__icontains=query[:50])


def worker_get_active(*, worker_id) -> Worker:
    """An active worker by id (to invite them), or NotFound; shows no personal data by itself."""
    try:
        worker_id = int(worker_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    worker = Worker.objects.filter(pk=worker_id, is_active=True).first()
    if worker is None:
        raise NotFound()
    return worker


def worker_for_user(*, user) -> Worker | None:
    """The worker record of a signed-in worker, else None.

    Without their station: every page of the worker's door reads this, few show the station (their work's duty
    rota, the policy desk; a job's distance for a worker without a home address), and those read it when asked.
    The join cost each page as much as the worker's own read.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    return Worker.objects.filter(user=user, is_active=True).first()


def worker_point(worker: Worker) -> tuple[float, float]:
    """Where matching and the "learn this" count place a worker: home, else the station where they
    registered, else the district centre."""
    if worker.home_lat is not None and worker.home_lon is not None:
        return float(worker.home_lat), float(worker.home_lon)  # the station is not read (a query per worker)
    station = worker.registered_station
    return point_of(None, None, station.lat if station else None, station.lon if station else None)


def point_of(home_lat, home_lon, station_lat, station_lon) -> tuple[float, float]:
    """`worker_point` from the plain columns (the matching index loads rows, not model objects)."""
    if home_lat is not None and home_lon is not None:
        return float(home_lat), float(home_lon)
    if station_lat is not None and station_lon is not None:
        return float(station_lat), float(station_lon)
    return DISTRICT_CENTRE


def worker_display_name(worker: Worker, language: str | None) -> str:
    """The worker's name in the script of the page: the Tibetan one on a Tibetan page when the worker
    has one, else the registered (Chinese) name.

    Every greeting and every list shown to the worker or an employer uses this. Legal documents
    (the agreement, the rights case and its evidence file, the console's records) keep the
    registered legal name, with the Tibetan one beside it.
    """
    if (language or "").lower().startswith("bo") and (worker.name_bo or "").strip():
        return worker.name_bo.strip()
    return worker.name
