"""Money is integer fen everywhere; these are the only conversions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

# Between an amount and its unit: the two never break apart across lines (screens, PDFs).
NBSP = "\u00a0"


def format_yuan(fen: int) -> str:
    """300 yuan for 30000 fen; 300.50 when there are fen."""
    yuan, rest = divmod(int(fen), 100)
    return f"{yuan:,}" if rest == 0 else f"{yuan:,}.{rest:02d}"


def format_yuan_with_unit(fen) -> str:
    """`300 元` / `300 སྒོར་`: the amount and its unit in the active language; "" for no amount.

    The one way screens show money (the `yuan` template filter of every door).
    """
    if fen is None or fen == "":
        return ""
    text = gettext("%(amount)s yuan") % {"amount": format_yuan(int(fen))}
    return text.replace(" ", NBSP)


def format_pay(fen, unit_label) -> str:
    """`300 元/天` / `300 སྒོར་མོ་/ཉིན་རེ།`: the amount, a non-breaking space, the pay unit.

    The one rule for pay: the unit's translation ("per day" → 元/天) already carries the
    currency, so nothing else names it (no ¥ in front, no second 元). Screens, SMS and
    PDFs use this; "" for no amount.
    """
    if fen is None or fen == "":
        return ""
    return f"{format_yuan(int(fen))}{NBSP}{unit_label}"


def yuan_to_fen(value) -> int | None:
    """Parse a yuan amount typed by a person; None when it is not a sane amount."""
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount < 0 or amount > Decimal("10000000"):
        return None
    fen = amount * 100
    if fen != fen.to_integral_value():
        return None
    return int(fen)
