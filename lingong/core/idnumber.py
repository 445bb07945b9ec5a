"""Citizen ID numbers (GB 11643-1999) and the numbers built on the same rules.

Workers register with the number on their card, often typed at a kiosk,
so input is normalised first: NFKC (full-width digits and `ｘ` become
ASCII), whitespace and invisible characters removed, `x` upper-cased.

Accepted kinds, all 18 characters with the ISO 7064 MOD 11-2 check
character and a real birth date between 1900-01-01 and today:

- ``resident``: the first 6 digits are a division code that has *ever*
  existed (lingong/core/data/division_codes.txt, built by
  scripts/build_division_codes.py), whatever the birth year: a number
  keeps the code of the place and time it was first issued.
- ``hmt_permit``: residence permits of Hong Kong, Macao and Taiwan
  residents, prefixes 810000, 820000, 830000.
- ``foreign_permanent``: the 2023 foreigners' permanent residence ID
  number: ``9`` + 2-digit province of the issuing office + 3-digit
  nationality code + birth date + sequence + check. We check the ``9``,
  that the province is a mainland province-level code (11-65) and the
  birth date and check character; the nationality code is only required
  to be digits. The older 15-character permanent residence numbers
  (3 letters + 12 digits) are not accepted.

Legacy 15-digit numbers (no century, no check character) are accepted
only on request and are returned upgraded to 18 digits.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from django.utils.translation import gettext_lazy as _

from lingong.core.validation import ValidationProblem, compact_text, is_ascii_digits

Kind = Literal["resident", "hmt_permit", "foreign_permanent"]
Sex = Literal["male", "female"]

HMT_PREFIXES = frozenset({"810000", "820000", "830000"})
FOREIGN_PERMANENT_MARK = "9"
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
ADULT_AGE = 18
MIN_WORKING_AGE = 16  # Labour Law art. 15: no employment under 16.
# China has had one UTC offset and no daylight saving since 1991.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
# ISO 7064 MOD 11-2: the weight of position i (1-based from the left) is 2^(18-i) mod 11.
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))


class IdNumberError(ValidationProblem):
    """An ID number that is malformed, impossible, or not allowed here."""


@dataclass(frozen=True)
class ResidentId:
    """A validated number and what it says about its holder."""

    number: str
    division_code: str
    birth_date: date
    sex: Sex
    kind: Kind

    def age_on(self, day: date) -> int:
        """Completed years on `day`; a 29 February birthday counts from 1 March."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


def china_today() -> date:
    """Today's date in China, whatever the server's time zone."""
    return datetime.now(CHINA_TZ).date()


@functools.cache
def _division_table() -> dict[str, str]:
    text = (importlib.resources.files("lingong.core") / "data" / "division_codes.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] if len(row) > 1 else "" for row in rows}


def division_name(code: str) -> str | None:
    """The latest name of a division code that ever existed, or None."""
    return _division_table().get(code)


@functools.cache
def province_prefixes() -> frozenset[str]:
    """The 2-digit province-level prefixes (11 ... 65, 71, 81-83)."""
    return frozenset(code[:2] for code in _division_table())


def check_character(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for 17 ASCII digits."""
    if len(first17) != 17 or not is_ascii_digits(first17):
        raise IdNumberError("format", _("An ID number starts with 17 digits."))
    remainder = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11
    value = (12 - remainder) % 11
    return "X" if value == 10 else str(value)


def upgrade_legacy_15(value: object) -> str:
    """Convert a 15-digit number (1984-1999 cards) to its 18-digit form.

    Inserts the century "19" before the 2-digit year and appends the check
    character. Only the shape is checked here; validate the result with
    validate_resident_id for the date and division code.
    """
    text = compact_text(value)
    if text is None or len(text) != 15 or not is_ascii_digits(text):
        raise IdNumberError("format", _("An old ID number has exactly 15 digits."))
    first17 = text[:6] + "19" + text[6:]
    return first17 + check_character(first17)


def _parse_birth_date(yyyymmdd: str, today: date) -> date:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        raise IdNumberError("invalid_date", _("The birth date in the ID number is not a real date.")) from None
    if born > today:
        raise IdNumberError("future_date", _("The birth date in the ID number is in the future."))
    if born < EARLIEST_BIRTH_DATE:
        raise IdNumberError("date_too_early", _("The birth date in the ID number is before 1900."))
    return born


def _kind_of(number: str) -> Kind:
    prefix = number[:6]
    if number.startswith(FOREIGN_PERMANENT_MARK):
        if number[1:3] in province_prefixes() and number[1] in "123456":
            return "foreign_permanent"
    elif prefix in HMT_PREFIXES:
        return "hmt_permit"
    elif prefix in _division_table():
        return "resident"
    raise IdNumberError("unknown_division", _("The first six digits of the ID number are not a known area code."))


def validate_resident_id(value: object, *, today: date | None = None, allow_legacy_15: bool = False) -> ResidentId:
    """Validate and normalise an ID number; raise IdNumberError, never anything else.

    Checks, in the order that gives people the most specific message:
    shape, birth date, division code, check character.
    """
    if not isinstance(value, str):
        raise IdNumberError("invalid_type", _("Enter the ID number as text."))
    text = compact_text(value)
    if text is None:
        raise IdNumberError("length", _("The ID number must be 18 characters."))
    if len(text) == 15 and is_ascii_digits(text):
        if not allow_legacy_15:
            raise IdNumberError(
                "legacy_15",
                _("Old 15-digit ID numbers are not accepted; enter the 18-character number."),
            )
        text = upgrade_legacy_15(text)
    if len(text) != 18:
        raise IdNumberError("length", _("The ID number must be 18 characters."))
    if not is_ascii_digits(text[:17]) or not (text[17] == "X" or is_ascii_digits(text[17])):
        raise IdNumberError("format", _("An ID number has 17 digits followed by a digit or the letter X."))
    born = _parse_birth_date(text[6:14], today or china_today())
    kind = _kind_of(text)
    if text[17] != check_character(text[:17]):
        raise IdNumberError("checksum", _("The ID number is not valid: please check every digit."))
    return ResidentId(
        number=text,
        division_code=text[:6],
        birth_date=born,
        sex="male" if int(text[16]) % 2 else "female",
        kind=kind,
    )


def worker_age_check(resident: ResidentId, *, today: date | None = None) -> Literal["adult", "juvenile"]:
    """Whether the holder may register as a worker, and if so with which protections.

    Under 16 may not be employed (raise 'too_young'); 16 and 17 are
    juvenile workers (未成年工) whom jobs must be matched with care.
    """
    age = resident.age_on(today or china_today())
    if age < MIN_WORKING_AGE:
        raise IdNumberError("too_young", _("People under 16 cannot register for work."))
    return "adult" if age >= ADULT_AGE else "juvenile"
