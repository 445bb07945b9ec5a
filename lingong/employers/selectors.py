from __future__ import annotations

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.core.idnumber import validate_resident_id
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.uscc import validate_uscc
from lingong.core.validation import ValidationProblem

from .models import Employer


def access_employer(*, user, employer_id: int) -> Employer:
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    if getattr(user, "is_authenticated", False) and user.pk == employer.user_id:
        return employer
    role_require(user, "employer.view")
    return employer


def employer_find_by_contact_phone(*, phone: str) -> Employer | None:
    """Any employer whose contact phone this is, also one registered at a window
    without a sign-in account (unlike `employer_find_by_phone`); None for a
    malformed phone. Several may share a phone: the one with an account wins,
    else the oldest, so the choice is stable.
    """

    try:
        phone = validate_mobile_phone(phone)
    except ValidationProblem:
        return None
    employers = Employer.objects.filter(contact_phone_digest=personal_digest(phone, kind="phone"))
    return employers.filter(user__isnull=False).order_by("id").first() or employers.order_by("id").first()


def employer_list_for_staff(*, user, query: str = ""):
    """Employers staff may see; exact USCC, ID number or contact phone (by digest), else by name."""

    role_require(user, "employer.view")
    employers = Employer.objects.select_related("station")
    query = (query or "").strip()
    if not query:
        return employers
    try:
        number = validate_resident_id(query).number
        return employers.filter(id_number_digest=personal_digest(number, kind="id_number"))
    except ValidationProblem:
        pass
    try:
        return employers.filter(uscc=validate_uscc(query))
    except ValidationProblem:
        pass
    try:
        phone = validate_mobile_phone(query)
        return employers.filter(contact_phone_digest=personal_digest(phone, kind="phone"))
    except ValidationProblem:
        pass
    return employers.filter(name__icontains=query[:100])


def employer_find_by_phone(*, phone: str) -> Employer | None:
    """The employer account (one with a sign-in user) whose contact phone this is."""

    try:
        phone = validate_mobile_phone(phone)
    except ValidationProblem:
        return None
    return (
        Employer.objects.filter(
            contact_phone_digest=personal_digest(phone, kind="phone"), user__isnull=False, user__is_active=True
        )
        .order_by("id")
        .first()
    )


def employer_for_user(*, user) -> Employer | None:
    """The employer record of a signed-in employer, else None. Without their station: every page of the
    employer's door reads this, and the join cost as much as the employer's own read; posting a job reads it
    when it needs it."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Employer.objects.filter(user=user).first()
