"""Posting rules: what a job advertisement may not ask for (pure).

Employment law forbids asking for a gender or an ethnicity without a lawful
reason, and charging job seekers a fee. The patterns are deliberately plain
phrases a clerk can read and extend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lingong.core.money import format_yuan

_GENDER = re.compile(
    r"(限|只要|只招|仅限|要求|需)\s*(男|女)(性|生|士|工)?|(男|女)(性|士)?\s*(优先|即可|勿扰|不要)|不(要|招)(男|女)"
    r"|སྐྱེས་པ་ཁོ་ན|བུད་མེད་ཁོ་ན"
)
_ETHNICITY = re.compile(r"(限|只要|只招|仅限|要求|不要|不招)\s*[\u4e00-\u9fff]{0,3}族|民族\s*(限制|要求)")
_FEE = re.compile(r"(押金|报名费|介绍费|中介费|服装费|培训费|体检费|保证金|收费|交费|缴费)")


def job_posting_problems(*texts: str) -> list[tuple[str, str]]:
    """(code, reason) for each rule the text breaks; empty when it may be published."""
    text = " ".join(t for t in texts if t)
    problems = []
    if _GENDER.search(text):
        problems.append(("asks_gender", str(_("A job may not ask for a gender."))))
    if _ETHNICITY.search(text):
        problems.append(("asks_ethnicity", str(_("A job may not ask for an ethnicity."))))
    if _FEE.search(text):
        problems.append(("charges_fee", str(_("A job may not charge the worker any fee or deposit."))))
    return problems


# --- the checks before a job is shown (docs/posting-checks.md) -------------------------------------------

_AGE = re.compile(
    r"\d{2}\s*(周岁|岁)\s*(以下|以内|以上|之间)|年龄\s*(限|要求|在)?\s*\d{2}\s*(岁|周岁)?\s*[-—~～至到]\s*\d{2}|限\s*\d{2}\s*(周岁|岁)"
    r"|ལོ་\s*\d{2}\s*(མན་|ཡན་)"
)
_SCAM = re.compile(
    r"(出国|境外|海外|国外|缅甸|柬埔寨|迪拜)\s*(务工|工作|劳务|打工|高薪)|(先|需)?(交|付|垫付)\s*(路费|机票|办证费|资料费)"
    r"|日赚\s*\d{3,}|月入\s*(过)?\s*\d?万|轻松(赚|挣)钱|刷单|兼职打字"
)
WORKING_DAYS_A_MONTH = 21.75  # the national standard for turning a monthly wage into a daily one
PART_TIME_HOURS = 4  # up to 4 hours a day is part-time work (劳动合同法 第68条): the hourly standard applies
MEAL_BREAK_AFTER_HOURS = 6  # a day longer than this has an unpaid hour for the meal


@dataclass(frozen=True)
class MinimumWage:
    """A region's minimum wage standard, in fen: monthly for full-time work, hourly for part-time work."""

    monthly_fen: int
    hourly_fen: int


@dataclass(frozen=True)
class PostingFinding:
    """One check a posting fails: `holds` for staff to look at first, otherwise refused outright."""

    code: str
    reason: str
    holds: bool


def working_hours(daily_minutes: tuple[int, int]) -> float:
    """Paid hours of a day's window: the span, less an hour for the meal on a long day."""
    start, end = daily_minutes
    hours = (end - start) / 60
    return hours - 1 if hours > MEAL_BREAK_AFTER_HOURS else hours


def minimum_pay_fen(*, pay_unit: str, hours: float, standard: MinimumWage) -> int | None:
    """The least a job may pay for one unit of `pay_unit`, or None where no floor can be worked out (piece rates)."""
    if pay_unit == "hour":
        return standard.hourly_fen
    if pay_unit == "month":
        return standard.monthly_fen
    if pay_unit == "day":
        if hours <= PART_TIME_HOURS:
            return round(standard.hourly_fen * hours)
        return round(standard.monthly_fen / WORKING_DAYS_A_MONTH * max(hours, 8) / 8)
    return None


def day_pay_fen(*, pay_fen: int, pay_unit: str, hours: float) -> int | None:
    """The pay of one day's work, to compare with a trade's typical day pay."""
    if pay_unit == "day":
        return pay_fen
    if pay_unit == "hour":
        return round(pay_fen * hours)
    if pay_unit == "month":
        return round(pay_fen / WORKING_DAYS_A_MONTH)
    return None


def posting_findings(
    *,
    texts: tuple[str, ...],
    pay_fen: int,
    pay_unit: str,
    daily_minutes: tuple[int, int],
    standard: MinimumWage,
    trade_high_day_fen: int,
    above_range_factor: float,
    in_district: bool,
    employer_known: bool,
) -> list[PostingFinding]:
    """Every check a posting fails, refusals first.

    Refused: what the law forbids outright (a gender or ethnic bar, a fee, pay below the minimum wage).
    Held for staff: what may be lawful but needs a person to look (an age limit, scam signs, pay far above the
    trade's range, a place outside the district, an employer Lingong does not know).
    """
    findings = [PostingFinding(code, reason, holds=False) for code, reason in job_posting_problems(*texts)]
    hours = working_hours(daily_minutes)
    floor = minimum_pay_fen(pay_unit=pay_unit, hours=hours, standard=standard)
    if floor is not None and pay_fen < floor:
        findings.append(
            PostingFinding(
                "below_minimum_wage",
                str(
                    _(
                        "The pay is below the minimum wage: at least %(floor)s yuan for this job "
                        "(%(hourly)s yuan an hour, %(monthly)s yuan a month)."
                    )
                    % {
                        "floor": format_yuan(floor),
                        "hourly": format_yuan(standard.hourly_fen),
                        "monthly": format_yuan(standard.monthly_fen),
                    }
                ),
                holds=False,
            )
        )
    text = " ".join(t for t in texts if t)
    if _AGE.search(text):
        findings.append(
            PostingFinding("asks_age", str(_("The job sets an age limit: staff check that the law allows it.")), True)
        )
    if _SCAM.search(text):
        findings.append(
            PostingFinding("scam_signs", str(_("The text has signs of a scam: staff check the job first.")), True)
        )
    day_pay = day_pay_fen(pay_fen=pay_fen, pay_unit=pay_unit, hours=hours)
    if day_pay is not None and trade_high_day_fen > 0 and day_pay > trade_high_day_fen * above_range_factor:
        findings.append(
            PostingFinding(
                "pay_above_range",
                str(_("The pay is far above what this trade pays: staff check the job first.")),
                True,
            )
        )
    if not in_district:
        findings.append(
            PostingFinding("outside_district", str(_("The place is outside the district: staff check it.")), True)
        )
    if not employer_known:
        findings.append(
            PostingFinding(
                "employer_unknown",
                str(_("The employer is not yet known to the station: staff check the employer first.")),
                True,
            )
        )
    return findings
