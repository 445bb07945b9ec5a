"""Request and response shapes. Money is integer fen; times are ISO 8601 with offset;
personal numbers only masked."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext
from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt, WithJsonSchema, field_validator

_date = date  # the search field below is called `date`
ID_MAX = 2**53  # larger ids cannot exist and would overflow SQLite
FEN_MAX = 100_000_000  # one million yuan: anything above is a typing error
Text50 = Field(max_length=50)
# Formats the schema documents; the services check them and answer with a specific, translated 400.
Phone = Annotated[
    str,
    WithJsonSchema(
        {"type": "string", "minLength": 11, "maxLength": 32, "pattern": r"^\+?[0-9][0-9 -]{9,30}$"},
    ),
    Field(min_length=1, max_length=32, examples=["13900000001"]),
]
Slug = Annotated[
    str,
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 50, "pattern": r"^[a-z0-9][a-z0-9_-]*$"}),
    Field(min_length=1, max_length=50),
]
# A time of day in Lhasa, without a zone: the schema says so, rather than `format: time` (which allows one).
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", "examples": ["08:00"]}
    ),
]


class NoNulIn(Schema):
    """No text may hold a NUL character: PostgreSQL cannot store one."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(gettext("Text may not contain a NUL character."))
        return value


class StrictIn(NoNulIn):
    """Inputs refuse unknown fields, so a typo is an error and not a silent no-op."""

    model_config = ConfigDict(extra="forbid")


# --- errors ---------------------------------------------------------------------


class FieldErrorOut(Schema):
    field: str
    code: str
    message: str


class ErrorOut(Schema):
    code: str = Field(examples=["job_not_open"])
    message: str = Field(examples=["This job is no longer open."])
    field: str | None = None
    fields: list[FieldErrorOut] | None = None


# --- sign-in --------------------------------------------------------------------


class SmsCodeIn(StrictIn):
    phone: Phone
    purpose: Literal["worker_sign_in", "employer_sign_in"]


class SignInIn(StrictIn):
    phone: Phone
    code: str = Field(min_length=1, max_length=12, examples=["123456"])


class TokenOut(Schema):
    token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime
    role: str


class SentOut(Schema):
    sent: bool = True


# --- reference data -------------------------------------------------------------


class TradeOut(Schema):
    slug: str
    name: str
    name_zh: str
    name_bo: str
    csco_code: str
    icon: str
    intensity: int
    typical_pay_low_fen: int
    typical_pay_high_fen: int
    default_pay_unit: str


class StationOut(Schema):
    code: str
    kind: str
    name: str
    name_zh: str
    name_bo: str
    address_zh: str
    address_bo: str
    lat: float
    lon: float
    hotline: str
    opening_hours: str


# --- jobs -----------------------------------------------------------------------


def _employer_display(employer) -> str:
    """An enterprise by its name; a private person by the first character only."""
    if employer.kind == "enterprise":
        return employer.name
    return employer.name[:1] + "*" * max(len(employer.name) - 1, 1)


class JobOut(Schema):
    id: int
    title: str
    description: str
    trade: str
    trade_name: str
    employer_name: str
    headcount: int
    places_left: int
    pay_fen: int
    pay_unit: str
    kind: str
    start_date: date
    end_date: date
    start_time: time
    end_time: time
    address: str
    meeting_point: str
    lat: float
    lon: float
    required_skills: str
    needs_zh: bool
    needs_bo: bool
    intensity: int
    is_fast_channel: bool
    requires_certificate: bool
    status: str
    review_note: str = Field(description="Why staff hold or took down the job (held: the posting checks' reasons).")
    published_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_trade(job) -> str:
        return job.job_type.slug

    @staticmethod
    def resolve_trade_name(job) -> str:
        return job.job_type.name

    @staticmethod
    def resolve_employer_name(job) -> str:
        return _employer_display(job.employer)


class JobBriefOut(Schema):
    id: int
    title: str
    trade: str
    pay_fen: int
    pay_unit: str
    start_date: date
    end_date: date
    address: str
    status: str

    @staticmethod
    def resolve_trade(job) -> str:
        return job.job_type.slug


class JobCreateIn(StrictIn):
    trade: Slug = Field(examples=["mover"])
    title: str = Field(min_length=1, max_length=100)
    description: str = Field("", max_length=2000)
    headcount: StrictInt = Field(ge=1, le=500)
    pay_fen: StrictInt = Field(ge=1, le=FEN_MAX, examples=[30000])
    pay_unit: Literal["hour", "day", "piece", "month"] = "day"
    kind: Literal["day_gig", "short_term", "long_term"] = "day_gig"
    start_date: date
    end_date: date | None = None
    start_time: LocalTime
    end_time: LocalTime
    address: str = Field(min_length=1, max_length=200)
    meeting_point: str = Field("", max_length=200)
    lat: Decimal = Field(ge=-90, le=90, max_digits=9, decimal_places=6, examples=["29.650000"])
    lon: Decimal = Field(ge=-180, le=180, max_digits=9, decimal_places=6, examples=["91.130000"])
    required_skills: str = Field("", max_length=200)
    needs_zh: StrictBool = False
    needs_bo: StrictBool = False
    intensity: Literal[1, 2, 3] | None = None
    fast_channel: StrictBool = Field(False, description="Post through the fast channel (dispatched at once).")
    requires_certificate: StrictBool = Field(
        False, description="Only workers certified in the trade by a training course may take it (docs/training.md)."
    )

    @field_validator("start_time", "end_time")
    @classmethod
    def _local_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError(gettext("Give the local time of day (Lhasa), without a time zone."))
        return value


class JobSearchIn(NoNulIn):
    trade: Slug | None = None
    date: _date | None = Field(None, description="A day the job runs on.")
    min_pay_fen: int | None = Field(None, ge=0, le=FEN_MAX)


class ReasonOut(Schema):
    code: str
    text: str


class JobMatchOut(Schema):
    job: JobOut
    score: float
    distance_km: float | None
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_score(match) -> float:
        return round(match.score, 4)  # as on the employer side: four places are plenty to rank


# --- workers --------------------------------------------------------------------


class WorkerTradeOut(Schema):
    trade: str
    level: int
    certified: bool

    @staticmethod
    def resolve_trade(worker_trade) -> str:
        return worker_trade.job_type.slug


class WorkerOut(Schema):
    id: int
    name: str
    name_bo: str
    phone_masked: str
    id_number_masked: str
    speaks_zh: bool
    speaks_bo: bool
    availability_mask: int
    home_area: str
    home_lat: float | None
    home_lon: float | None
    travel_km: int
    min_day_pay_fen: int
    max_intensity: int
    trades: list[WorkerTradeOut]

    @staticmethod
    def resolve_trades(worker) -> list:
        return list(worker.trades.select_related("job_type").order_by("job_type__sort_order", "job_type_id"))


class WorkerProfileIn(StrictIn):
    """Only the fields sent are changed; null clears the home place only."""

    name_bo: str = Field(None, max_length=100)
    home_area: str = Field(None, max_length=100)
    home_lat: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    home_lon: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    travel_km: StrictInt = Field(None, ge=1, le=100)
    min_day_pay_fen: StrictInt = Field(None, ge=0, le=FEN_MAX)
    max_intensity: Literal[1, 2, 3] = None
    speaks_zh: StrictBool = None
    speaks_bo: StrictBool = None


class TradeSkillIn(StrictIn):
    trade: Slug
    level: StrictInt = Field(2, ge=1, le=5)


class WorkerTradesIn(StrictIn):
    trades: list[TradeSkillIn] = Field(min_length=1, max_length=20)


class AvailabilityIn(StrictIn):
    availability_mask: StrictInt = Field(
        ge=1, le=2**21 - 1, description="Bit (weekday*3 + slot): morning, afternoon, evening; 7 days × 3 slots."
    )


class WorkerBriefOut(Schema):
    id: int
    name: str
    phone_masked: str


class CandidateOut(Schema):
    """A worker proposed by matching: masked name only, until they agree to the job."""

    worker_id: int
    name_masked: str
    score: float
    distance_km: float | None
    reasons: list[ReasonOut]
    trade_level: int | None
    speaks_zh: bool
    speaks_bo: bool


# --- applications and placements -------------------------------------------------


class ApplyIn(StrictIn):
    job_id: StrictInt = Field(ge=1, le=ID_MAX)


class InviteIn(StrictIn):
    worker_id: StrictInt = Field(ge=1, le=ID_MAX)


class DeclineIn(StrictIn):
    reason: str = Field("", max_length=200)


class ApplicationOut(Schema):
    id: int
    status: str
    origin: str
    channel: str
    created_at: datetime
    updated_at: datetime
    job: JobBriefOut
    worker: WorkerBriefOut


class PlacementOut(Schema):
    id: int
    status: str
    channel: str
    start_date: date
    end_date: date
    start_time: time
    end_time: time
    created_at: datetime
    job: JobBriefOut
    worker: WorkerBriefOut


# --- people's rights over their data (lingong.privacy) ------------------------------------------


class DataSectionOut(Schema):
    """One kind of record held about the person: its title and its rows (field label → value)."""

    title: str
    rows: list[dict[str, str | int | float | bool | None]]


class DataRequestOut(Schema):
    kind: str
    requested_at: datetime
    purge_after: _date | None = None


# --- the district's figures (docs/figures.md) ---------------------------------------------


class StatsPeriodIn(StrictIn):
    first: date | None = Field(
        None, description="first day (Asia/Shanghai), included; default: the 1st of `last`'s month"
    )
    last: date | None = Field(None, description="last day (Asia/Shanghai), included; default: today")


class StatsFiguresOut(Schema):
    """Every figure of a period; `…_now` and `workers_total` are counted now. Rates: per cent, one decimal."""

    workers_total: int
    workers_registered: int
    employers_registered: int
    app_users_new: int
    jobs_posted: int
    places_posted: int
    trades_posted: int
    trades_active: int | None = None  # the district only
    placements: int
    placements_offline: int
    placements_online: int
    placements_kiosk: int
    kiosk_matches_per_day: Decimal
    kiosk_sessions: int
    placements_cancelled: int
    cancellation_rate: Decimal | None
    attendance_days: int
    no_shows: int
    no_show_rate: Decimal | None
    agreements_signed: int
    wages_owed_fen: int
    wages_paid_fen: int
    wages_due: int
    wages_due_fen: int
    wages_due_paid_fen: int
    wages_overdue_now: int
    wages_overdue_now_fen: int
    cases_opened: int
    cases_mediated: int
    cases_closed: int
    money_recovered_fen: int
    followups_due: int
    followups_done: int
    followups_done_rate: Decimal | None


class StatsStationRowOut(Schema):
    station: str = Field(description="the station's code")
    workers_registered: int
    jobs_posted: int
    places_posted: int
    placements: int
    placements_offline: int


class StatsKioskRowOut(Schema):
    kiosk: str | None = Field(description="the kiosk's code; null: the station's kiosk hires with no device recorded")
    station: str = Field(description="the kiosk's station's code")
    sessions: int = Field(description="people signed in at the kiosk")
    sessions_per_day: Decimal
    matches: int = Field(description="hires made at the kiosk (channel `kiosk`)")
    matches_per_day: Decimal
    later_hires: int = Field(
        description="hires whose worker said yes at the kiosk and the employer afterwards on another channel"
    )


class StatsSeriesPointOut(Schema):
    start: date = Field(description="the first day of the day, week (Monday) or month")
    value: int


class StatsTimeToOut(Schema):
    jobs: int
    distribution: dict[int, int] = Field(description="whole days → jobs; the last key (31) is 31 days or more")
    median_days: int | None
    same_day_rate: Decimal | None
    within_2_days_rate: Decimal | None


class StatsTradeRowOut(Schema):
    trade: str = Field(description="the trade's slug")
    jobs_posted: int
    places_posted: int
    placements: int
    supply: int
    demand: int
    gap: int


class StatsCreditOut(Schema):
    day: date | None = Field(description="the night counted (none yet: null)")
    workers: dict[int, int] = Field(description="score band (0 = 0-9 points … 9 = 90-100) → workers")
    employers: dict[int, int] = Field(description="score band → employers")
