from __future__ import annotations

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound

from .models import Employer


def access_employer(*, user, employer_id: int) -> Employer:
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    if getattr(user, "is_authenticated", False) and user.pk == employer.user_id:
        return employer
    role_require(user, "employer.view")
    return employer
