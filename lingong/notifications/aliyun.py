"""Alibaba Cloud SMS (dysmsapi 2017-05-25): the production SMS gateway.

`SendSms` sends an approved template with its parameters
(`lingong.notifications.sms_templates`); `QuerySendDetails` reads the
carrier's receipt of one message by its BizId. Both are RPC calls signed
as the provider documents it (signature method V2, HMAC-SHA1): the
parameters sorted by name, each name and value percent-encoded per RFC
3986 (space as %20, `*` as %2A, `~` kept), joined with & into the
canonical query, StringToSign = METHOD & %2F & encode(canonical query),
Signature = Base64(HMAC-SHA1(secret + "&", StringToSign)).

Every call is a POST with a form body, never a query string: the phone
number, the code and the keys stay out of URLs, which proxies and HTTP
libraries log. Nothing here logs or puts into an exception a parameter or
the provider's copy of the text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import urllib.parse
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lingong.accounts.sms import SmsReceipt, SmsRefused

from .sms_templates import sms_template_resolve

API_VERSION = "2017-05-25"
PROVIDER_TZ = ZoneInfo("Asia/Shanghai")  # SendDate and ReceiveDate are Beijing time
CONNECT_TIMEOUT = 5.0
PARAM_MAX_LENGTH = 35  # the provider's default limit for one template variable
# Passing refusals: the outbox tries again a minute later (up to 3 times).
RETRYABLE_CODES = frozenset(
    {
        "isv.BUSINESS_LIMIT_CONTROL",  # per-number rate limit (one a minute, five an hour)
        "isp.SYSTEM_ERROR",
        "InternalError",
        "ServiceUnavailable",
        "Throttling",
        "Throttling.Api",
        "Throttling.User",
        "SignatureNonceUsed",  # the next try has a new nonce
    }
)
SEND_STATUS_WAITING, SEND_STATUS_FAILED, SEND_STATUS_DELIVERED = 1, 2, 3


class SmsUnavailable(Exception):
    """The gateway did not take the message this time (network, 5xx, throttling): try again later."""


def aliyun_percent_encode(value) -> str:
    """RFC 3986, as the provider's signature method spells it for Java's URLEncoder."""
    return (
        urllib.parse.quote_plus(str(value), encoding="utf-8")
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~")
    )


def aliyun_string_to_sign(params: dict[str, str], *, method: str) -> str:
    canonical = "&".join(
        f"{aliyun_percent_encode(name)}={aliyun_percent_encode(value)}"
        for name, value in sorted(params.items())
        if name != "Signature"
    )
    return f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"


def aliyun_signature(params: dict[str, str], *, secret: str, method: str) -> str:
    digest = hmac.new(
        f"{secret}&".encode(), aliyun_string_to_sign(params, method=method).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def _shown(message) -> str:
    """The provider's message, short, without long numbers (a number or a code it might echo)."""
    return re.sub(r"\d{4,}", "…", str(message or ""))[:120]


def _param_value(value) -> str:
    value = str(value).strip() or "-"  # the provider refuses an empty variable
    return value if len(value) <= PARAM_MAX_LENGTH else value[: PARAM_MAX_LENGTH - 1] + "…"


class AliyunSmsBackend:
    """Sends through Alibaba Cloud SMS; reads delivery receipts back (see `notification_receipts_pull`)."""

    uses_templates = True
    required_settings = ("ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME")

    def __init__(self):
        missing = [name for name in self.required_settings if not getattr(settings, name, "")]
        if missing:
            raise ImproperlyConfigured(f"The SMS gateway needs {', '.join(missing)} (docs/operations.md).")
        self.access_key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT
        self.region = settings.ALIYUN_SMS_REGION
        self.timeout = (CONNECT_TIMEOUT, settings.ALIYUN_SMS_TIMEOUT)
        self.session = requests.Session()

    def send(self, *, phone: str, body: str, kind: str, purpose: str = "", language: str = "", params=None) -> str:
        """The message's template with its parameters; `body` is not sent (carriers take templates only)."""
        template = sms_template_resolve(kind=kind, purpose=purpose, language=language)
        if template is None:
            raise SmsRefused("template_missing", f"no SMS template for {purpose or kind}")
        params = params or {}
        missing = [name for name in template.params if name not in params]
        if missing:
            raise SmsRefused("template_param_missing", f"{template.key} needs {', '.join(missing)}")
        values = {name: _param_value(params[name]) for name in template.params}
        answer = self._call(
            "SendSms",
            {
                "PhoneNumbers": phone,
                "SignName": self.sign_name,
                "TemplateCode": template.code,
                "TemplateParam": json.dumps(values, ensure_ascii=False, separators=(",", ":")),
            },
        )
        return str(answer.get("BizId") or "")

    def receipt(self, *, phone: str, provider_id: str, sent_at: datetime) -> SmsReceipt | None:
        """The carrier's report on one message; None while it has not come."""
        answer = self._call(
            "QuerySendDetails",
            {
                "PhoneNumber": phone,
                "BizId": provider_id,
                "SendDate": sent_at.astimezone(PROVIDER_TZ).strftime("%Y%m%d"),
                "PageSize": "10",
                "CurrentPage": "1",
            },
        )
        # Each record also holds the text as sent ("Content", with any code): never kept or logged.
        records = (answer.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
        for record in records:
            status = int(record.get("SendStatus") or SEND_STATUS_WAITING)
            if status == SEND_STATUS_WAITING:
                return None
            return SmsReceipt(
                delivered=status == SEND_STATUS_DELIVERED,
                code=str(record.get("ErrCode") or "")[:64],
                at=self._provider_time(record.get("ReceiveDate")),
            )
        return None

    @staticmethod
    def _provider_time(value) -> datetime | None:
        try:
            return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S").replace(tzinfo=PROVIDER_TZ)
        except ValueError:
            return None

    def _call(self, action: str, params: dict[str, str]) -> dict:
        signed = {
            "AccessKeyId": self.access_key_id,
            "Action": action,
            "Format": "JSON",
            "RegionId": self.region,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
            **params,
        }
        signed["Signature"] = aliyun_signature(signed, secret=self.access_key_secret, method="POST")
        form = "&".join(
            f"{aliyun_percent_encode(name)}={aliyun_percent_encode(value)}" for name, value in signed.items()
        )
        try:
            response = self.session.post(
                self.endpoint,
                data=form.encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                    "Accept": "application/json",
                },
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise SmsUnavailable(f"{action}: {type(error).__name__}") from error
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        code = str(answer.get("Code") or "")
        if code == "OK" and response.status_code == 200:
            return answer
        detail = f"{action}: HTTP {response.status_code} {_shown(answer.get('Message'))}".rstrip()
        if response.status_code >= 500 or response.status_code == 429 or code in RETRYABLE_CODES or not code:
            raise SmsUnavailable(f"{code or 'no answer'}: {detail}")
        raise SmsRefused(code, detail)
