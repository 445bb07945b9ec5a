"""Sign-in by phone + SMS code, and sign-out."""

from ninja import Router, Status

from lingong.notifications.codes import sms_code_send

from ..auth import token_auth
from ..idempotency import idempotent
from ..schemas import ErrorOut, SentOut, SignInIn, SmsCodeIn, TokenOut
from ..services import api_sign_in, api_token_revoke

router = Router(tags=["sign-in"])
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@router.post("/sms-code", response={202: SentOut, **ERRORS}, auth=None)
def sms_code(request, payload: SmsCodeIn):
    """Send a 6-digit code to the phone (at most one a minute and five an hour)."""
    sms_code_send(phone=payload.phone, purpose=payload.purpose)
    return Status(202, {"sent": True})


def _sign_in(payload: SignInIn, role: str):
    token, record = api_sign_in(phone=payload.phone, code=payload.code, role=role)
    return {"token": token, "expires_at": record.expires_at, "role": role}


@router.post("/worker/sign-in", response={200: TokenOut, **ERRORS}, auth=None)
def worker_sign_in(request, payload: SignInIn):
    """Exchange the code for a bearer token (shown once, valid 30 days)."""
    return _sign_in(payload, "worker")


@router.post("/employer/sign-in", response={200: TokenOut, **ERRORS}, auth=None)
def employer_sign_in(request, payload: SignInIn):
    """Exchange the code for a bearer token; an employer registered at a window gets an account."""
    return _sign_in(payload, "employer")


@router.post("/sign-out", response={204: None, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut}, auth=token_auth)
@idempotent
def sign_out(request):
    """Revoke the token used for this request."""
    api_token_revoke(token=request.api_token)
    return 204, None
