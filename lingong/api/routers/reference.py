"""Reference data anyone may read: trades and stations; and the open-job search."""

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router
from ninja.pagination import paginate

from lingong.core.errors import InvalidInput
from lingong.jobs.selectors import job_search
from lingong.stations.selectors import station_list_active
from lingong.trades.selectors import job_type_list_active

from ..auth import token_auth
from ..pagination import Pagination
from ..schemas import ErrorOut, JobOut, JobSearchIn, StationOut, TradeOut

router = Router(tags=["reference"])
SEARCH_LIMIT = 1000


@router.get("/trades", response=list[TradeOut], auth=None)
def trades(request):
    return list(job_type_list_active())


@router.get("/stations", response=list[StationOut], auth=None)
def stations(request):
    return list(station_list_active())


@router.get(
    "/jobs", response={200: list[JobOut], 400: ErrorOut, 401: ErrorOut, 422: ErrorOut}, auth=token_auth, tags=["jobs"]
)
@paginate(Pagination)
def jobs_search(request, filters: Query[JobSearchIn]):
    """Open jobs, soonest first (at most 1000): filter by trade (slug), a day the job runs on,
    the lowest pay per day (fen; hourly and monthly pay compared per day, piece work left out)."""
    trade = None
    if filters.trade:
        trade = job_type_list_active().filter(slug=filters.trade).first()
        if trade is None:
            raise InvalidInput(_("Unknown trade."), code="invalid_trade", field="trade")
    return job_search(trade=trade, day=filters.date, min_pay_fen=filters.min_pay_fen, limit=SEARCH_LIMIT)
