"""A stand-in for Alibaba Cloud SMS (dysmsapi) on 127.0.0.1, for tests: no test touches the internet.

    with FakeAliyunSms() as gateway:            # a real HTTP server in a thread
        gateway.url                             # http://127.0.0.1:<port>/
        gateway.script("13800138000", "server_error", "ok")   # the next answers for that number
        gateway.report(biz_id, delivered=True)  # the carrier's receipt, read by QuerySendDetails

It checks each request as the provider documents it, with its own code
(not the adapter's): a form POST, the common parameters, the timestamp, a
fresh nonce, the key and the HMAC-SHA1 signature over the sorted,
RFC 3986-encoded parameters; then SendSms's sign name, approved template
and its variables. It answers as the provider does: {"Code": "OK", "BizId":
…} or an error code, with HTTP 200 for business refusals and 4xx/5xx for
the gateway's own. `requests` records everything it was sent.

The fixture `aliyun_gateway` starts one and points the settings at it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import threading
import uuid
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote
from zoneinfo import ZoneInfo

import pytest

ACCESS_KEY_ID = "LTAI-test-key-id"
ACCESS_KEY_SECRET = "test-secret-not-for-production"
SIGN_NAME = "零工"
# The templates approved at the fake provider: code -> its variables.
APPROVED = {
    "SMS_100001": {"code"},  # sign-in code
    "SMS_100002": {"code"},  # registration code, a purpose of its own
    "SMS_100003": {"code"},  # sign-in code, Tibetan
    "SMS_200001": {"job", "employer", "start", "place"},  # hire
}
# SMS_TEMPLATES as an operator would write it: every kind has one.
TEMPLATES = {
    "sign_in_code": {"code": {"zh-hans": "SMS_100001", "bo": "SMS_100003"}, "params": ["code"]},
    "worker_register": {"code": "SMS_100002", "params": ["code"]},
    "hire": {"code": "SMS_200001", "params": ["job", "employer", "start", "place"]},
    **{
        kind: {"code": "SMS_300001", "params": []}
        for kind in (
            "offer",
            "offer_withdrawn",
            "invitation",
            "interview",
            "confirmation_reminder",
            "release",
            "attendance",
            "wage_due",
            "wage_overdue",
            "case_update",
            "follow_up",
            "training",
            "staff_call",
            "job_review",
        )
    },
}
APPROVED["SMS_300001"] = set()
BEIJING = ZoneInfo("Asia/Shanghai")
COMMON = ("AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp")
TIMESTAMP_VALID = timedelta(minutes=31)  # "valid for 31 minutes", signature method V2
OUTCOMES = {
    "ok": None,
    "throttle": (200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"),
    "server_error": (500, "InternalError", "The request processing has failed due to some unknown error."),
    "bad_number": (200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"),
    "out_of_service": (200, "isv.OUT_OF_SERVICE", "业务停机"),
}


def _encode(value: str) -> str:
    # RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are (urllib's quote with nothing else safe).
    return quote(value, safe="", encoding="utf-8")


def expected_signature(params: dict[str, str], *, secret: str, method: str) -> str:
    canonical = "&".join(f"{_encode(k)}={_encode(params[k])}" for k in sorted(params) if k != "Signature")
    string_to_sign = "&".join((method, _encode("/"), _encode(canonical)))
    return base64.b64encode(hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeAliyunSms:
    def __init__(self, *, access_key_id: str = ACCESS_KEY_ID, access_key_secret: str = ACCESS_KEY_SECRET):
        self.keys = {access_key_id: access_key_secret}
        self.requests: list[dict] = []  # every request: {"method", "path", "content_type", "params"}
        self.sent: list[dict] = []  # accepted SendSms: {"phone", "sign", "template", "params", "biz_id"}
        self.queries: list[dict] = []  # QuerySendDetails parameters
        self._scripts: dict[str, deque[str]] = defaultdict(deque)
        self._receipts: dict[str, dict] = {}
        self._nonces: set[str] = set()
        self._ids = itertools.count(900000001)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> FakeAliyunSms:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(self, phone: str, *outcomes: str) -> None:
        """The next SendSms answers for this number, in order (then "ok"): see OUTCOMES."""
        self._scripts[phone].extend(outcomes)

    def report(self, biz_id: str, *, delivered: bool, code: str = "", at: datetime | None = None) -> None:
        """The carrier's receipt for a message, as QuerySendDetails will return it."""
        with self._lock:
            self._receipts[biz_id].update(
                SendStatus=3 if delivered else 2,
                ErrCode=code or ("DELIVERED" if delivered else "UNDELIV"),
                ReceiveDate=(at or datetime.now(UTC)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            )

    # --- the provider ------------------------------------------------------------

    def _answer(self, method: str, path: str, content_type: str, body: bytes) -> tuple[int, dict]:
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body)))
        except (UnicodeDecodeError, ValueError):
            return 400, {"Code": "InvalidParameter", "Message": "malformed form body"}
        with self._lock:
            self.requests.append({"method": method, "path": path, "content_type": content_type, "params": params})
        if method != "POST" or not content_type.startswith("application/x-www-form-urlencoded"):
            return 400, {"Code": "UnsupportedHTTPMethod", "Message": "form POST expected"}
        if missing := [name for name in (*COMMON, "Signature", "Version") if not params.get(name)]:
            return 400, {"Code": "MissingParameter", "Message": f"{missing[0]} is mandatory for this action."}
        if (params["Format"], params["SignatureMethod"], params["SignatureVersion"], params["Version"]) != (
            "JSON",
            "HMAC-SHA1",
            "1.0",
            "2017-05-25",
        ):
            return 400, {"Code": "InvalidParameter", "Message": "Format, signature method or version"}
        secret = self.keys.get(params["AccessKeyId"])
        if secret is None:
            return 404, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
        try:
            stamp = datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            return 400, {"Code": "InvalidTimeStamp.Format", "Message": "Specified time stamp is not valid."}
        if abs(datetime.now(UTC) - stamp) > TIMESTAMP_VALID:
            return 400, {
                "Code": "InvalidTimeStamp.Expired",
                "Message": "Specified time stamp or date header is expired.",
            }
        if not hmac.compare_digest(params["Signature"], expected_signature(params, secret=secret, method=method)):
            return 400, {
                "Code": "SignatureDoesNotMatch",
                "Message": "Specified signature is not matched with our calculation.",
            }
        with self._lock:
            if params["SignatureNonce"] in self._nonces:
                return 400, {"Code": "SignatureNonceUsed", "Message": "Specified signature nonce was used already."}
            self._nonces.add(params["SignatureNonce"])
        if params["Action"] == "SendSms":
            return self._send_sms(params)
        if params["Action"] == "QuerySendDetails":
            return self._query_send_details(params)
        return 404, {"Code": "InvalidAction.NotFound", "Message": "Specified api is not found."}

    def _send_sms(self, params: dict) -> tuple[int, dict]:
        request_id = str(uuid.uuid4()).upper()
        phone, template = params.get("PhoneNumbers", ""), params.get("TemplateCode", "")
        if params.get("SignName") != SIGN_NAME:
            return 200, {
                "Code": "isv.SMS_SIGNATURE_ILLEGAL",
                "Message": "该账号下找不到对应签名",
                "RequestId": request_id,
            }
        if template not in APPROVED:
            return 200, {
                "Code": "isv.SMS_TEMPLATE_ILLEGAL",
                "Message": "该账号下找不到对应模板",
                "RequestId": request_id,
            }
        try:
            values = json.loads(params.get("TemplateParam") or "{}")
        except ValueError:
            return 200, {"Code": "isv.INVALID_JSON_PARAM", "Message": "JSON参数不合法", "RequestId": request_id}
        if set(values) != APPROVED[template] or not all(
            isinstance(v, str) and 0 < len(v) <= 35 for v in values.values()
        ):
            return 200, {
                "Code": "isv.TEMPLATE_MISSING_PARAMETERS",
                "Message": "模板变量缺少对应参数值",
                "RequestId": request_id,
            }
        with self._lock:
            outcome = self._scripts[phone].popleft() if self._scripts[phone] else "ok"
        if OUTCOMES[outcome] is not None:
            status, code, message = OUTCOMES[outcome]
            return status, {"Code": code, "Message": message, "RequestId": request_id}
        if not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
            return 200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": request_id}
        biz_id = f"{next(self._ids)}^0"
        now = datetime.now(UTC).astimezone(BEIJING)
        with self._lock:
            self.sent.append(
                {"phone": phone, "sign": params["SignName"], "template": template, "params": values, "biz_id": biz_id}
            )
            self._receipts[biz_id] = {
                "PhoneNum": phone,
                "SendStatus": 1,
                "ErrCode": "",
                "TemplateCode": template,
                "Content": f"【{SIGN_NAME}】" + " ".join(values.values()),  # the provider's copy, codes included
                "SendDate": now.strftime("%Y-%m-%d %H:%M:%S"),
                "ReceiveDate": "",
                "OutId": "",
            }
        return 200, {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": request_id}

    def _query_send_details(self, params: dict) -> tuple[int, dict]:
        with self._lock:
            self.queries.append(params)
            record = self._receipts.get(params.get("BizId", ""))
        if not params.get("PhoneNumber") or not params.get("SendDate") or not params.get("PageSize"):
            return 200, {"Code": "isv.INVALID_PARAMETERS", "Message": "参数异常"}
        found = (
            record is not None
            and record["PhoneNum"] == params["PhoneNumber"]
            and record["SendDate"][:10].replace("-", "") == params["SendDate"]
        )
        records = [dict(record)] if found else []
        return 200, {
            "Code": "OK",
            "Message": "OK",
            "RequestId": str(uuid.uuid4()).upper(),
            "TotalCount": str(len(records)),
            "SmsSendDetailDTOs": {"SmsSendDetailDTO": records},
        }

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                status, answer = fake._answer(
                    self.command, self.path, self.headers.get("Content-Type", ""), self.rfile.read(length)
                )
                payload = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _serve

            def log_message(self, format, *args):  # quiet: the test reads `fake.requests`
                pass

        return Handler


def gateway_settings(gateway: FakeAliyunSms) -> dict:
    """The settings (and, as strings, the environment) that point Lingong at the fake."""
    return {
        "SMS_BACKEND": "lingong.notifications.aliyun.AliyunSmsBackend",
        "ALIYUN_SMS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "ALIYUN_SMS_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
        "ALIYUN_SMS_SIGN_NAME": SIGN_NAME,
        "ALIYUN_SMS_ENDPOINT": gateway.url,
        "ALIYUN_SMS_TIMEOUT": 5.0,
    }


@pytest.fixture
def aliyun_gateway(settings):
    """A fake Alibaba Cloud SMS, and the settings of Lingong pointed at it."""
    with FakeAliyunSms() as gateway:
        for name, value in gateway_settings(gateway).items():
            setattr(settings, name, value)
        settings.SMS_TEMPLATES = json.loads(json.dumps(TEMPLATES))
        yield gateway
