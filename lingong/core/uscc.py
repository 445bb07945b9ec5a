"""Unified Social Credit Codes (GB 32100-2015) of enterprise employers.

An employer that is an organisation is identified by its USCC, printed on
its business licence. We check everything that can be checked offline:

1. 18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I O S V Z);
2. position 1, the registration authority, and position 2, the entity
   type, against the table of GB 32100-2015 (with the later A and N
   authorities): 1 机构编制 {1,2,3,9}, 2 外交 {1,9}, 3 司法行政 {1-5,9},
   4 文化 {1,9}, 5 民政 {1,2,3,9}, 6 旅游 {1,2,9}, 7 宗教 {1,2,9},
   8 工会 {1,9}, 9 工商 {1,2,3}, A 军队编制 {1,9}, N 农业 {1,2,3,9},
   Y 其他 {1};
3. positions 3-8, the registering office's division code: six digits
   whose first two are a province-level code, or 100000 (national).
   The full code is not looked up, because development zones register
   with local codes that GB/T 2260 never listed;
4. positions 9-17, the organisation code (GB 11714-1997), including its
   own check character at position 17 (weights 3 7 9 10 5 8 4 2, mod 11);
5. position 18, the check character: weights 3^i mod 31, modulus 31.

Known limitation: some codes issued in Xiamen before 2016 fail check 5
(e.g. 91350203M0001QKT19); they are rejected, like any other bad check.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lingong.core.idnumber import province_prefixes
from lingong.core.validation import ValidationProblem, compact_text, is_ascii_digits

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ENTITY_TYPES: dict[str, frozenset[str]] = {
    authority: frozenset(types)
    for authority, types in {
        "1": "1239",
        "2": "19",
        "3": "123459",
        "4": "19",
        "5": "1239",
        "6": "129",
        "7": "129",
        "8": "19",
        "9": "123",
        "A": "19",
        "N": "1239",
        "Y": "1",
    }.items()
}
NATIONAL_OFFICE = "100000"
# GB 11714-1997: digits, then A=10 ... Z=35 over the full Latin alphabet.
ORG_VALUES = {ch: int(ch, 36) for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
FORMAT_MESSAGE = _("A credit code uses only digits and the letters A-Y except I, O, S, V.")


class UsccError(ValidationProblem):
    """A credit code that is malformed or fails one of its checks."""


def uscc_check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    if len(first17) != 17 or any(ch not in VALUES for ch in first17):
        raise UsccError("format", FORMAT_MESSAGE)
    total = sum(VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[-total % 31]


def organisation_check_character(body: str) -> str:
    """The GB 11714 check character (0-9 or X) for an 8-character organisation code body."""
    if len(body) != 8 or any(ch not in ORG_VALUES for ch in body):
        raise UsccError("format", _("An organisation code has 8 digits or capital letters."))
    value = 11 - sum(ORG_VALUES[ch] * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate_uscc(value: object) -> str:
    """Return the code upper-cased without separators, or raise UsccError (only)."""
    if not isinstance(value, str):
        raise UsccError("invalid_type", _("Enter the credit code as text."))
    code = compact_text(value, drop="-")
    if code is None or len(code) != 18:
        raise UsccError("length", _("A unified social credit code has 18 characters."))
    if any(ch not in VALUES for ch in code):
        raise UsccError("format", FORMAT_MESSAGE)
    if code[0] not in ENTITY_TYPES:
        raise UsccError(
            "authority",
            _("The first character of the credit code is not a registration authority."),
        )
    if code[1] not in ENTITY_TYPES[code[0]]:
        raise UsccError("entity_type", _("The second character of the credit code is not a valid entity type."))
    office = code[2:8]
    if not is_ascii_digits(office) or (office != NATIONAL_OFFICE and office[:2] not in province_prefixes()):
        raise UsccError("division", _("Characters 3 to 8 of the credit code are not an area code."))
    if code[16] != organisation_check_character(code[8:16]):
        raise UsccError("organisation_checksum", _("The organisation code inside the credit code is not valid."))
    if code[17] != uscc_check_character(code[:17]):
        raise UsccError("checksum", _("The credit code is not valid: please check every character."))
    return code
