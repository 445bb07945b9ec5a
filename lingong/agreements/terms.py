"""The facts an agreement states, pre-formatted in both languages.

Kept as plain JSON on the agreement (`Agreement.terms`), so the rendered
text can always be checked against them and never depends on later edits
of the job, the worker or the station.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from lingong.core.money import format_yuan

AGREEMENT_TEMPLATE_VERSION = "2026-11-v1"

PAY_UNIT_LABELS = {
    "hour": ("元/小时", "ཆུ་ཚོད་རེར་སྒོར་"),
    "day": ("元/天", "ཉིན་རེར་སྒོར་"),
    "piece": ("元/件", "ཆ་རེར་སྒོར་"),
    "month": ("元/月", "ཟླ་རེར་སྒོར་"),
}
PAY_METHOD_LABELS = {
    "cash_or_transfer": ("现金，或转账至乙方本人账户", "དངུལ་དངོས་སམ་ཡང་ན་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤོ་སྤྲོད།"),
    "cash": ("现金", "དངུལ་དངོས།"),
    "bank": ("银行转账至乙方本人账户", "དངུལ་ཁང་བརྒྱུད་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤོ་སྤྲོད།"),
    "mobile": ("手机支付至乙方本人账户", "ཁ་པར་བརྒྱུད་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤྲོད།"),
}
# Days after the last working day by which wages are due, by job kind.
PAY_DAYS_AFTER_END = {"day_gig": 0, "short_term": 7, "long_term": 30}


def default_pay_due_date(job) -> date:
    return job.end_date + timedelta(days=PAY_DAYS_AFTER_END.get(job.kind, 0))


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_bo(day: date) -> str:
    return f"སྤྱི་ལོ་{day.year} ཟླ་{day.month} ཚེས་{day.day}"


def content_sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def agreement_terms(
    *, placement, version: int, amends: int | None, pay_due_date: date, pay_method: str, duties: str
) -> dict:
    """Everything the template prints; personal numbers masked."""
    job = placement.job
    worker = placement.worker
    employer = job.employer
    station = placement.station or job.station or employer.station
    rights = station.windows.filter(service="rights").order_by("number").first() if station else None
    unit_zh, unit_bo = PAY_UNIT_LABELS[job.pay_unit]
    method_zh, method_bo = PAY_METHOD_LABELS[pay_method]
    yuan = format_yuan(job.pay_fen)
    if placement.start_date == placement.end_date:
        dates_zh, dates_bo = date_zh(placement.start_date), date_bo(placement.start_date)
    else:
        dates_zh = f"{date_zh(placement.start_date)}至{date_zh(placement.end_date)}"
        dates_bo = f"{date_bo(placement.start_date)} ནས་ {date_bo(placement.end_date)} བར།"
    return {
        "template_version": AGREEMENT_TEMPLATE_VERSION,
        "number": f"LG-{placement.pk:08d}",
        "version": version,
        "amends": amends,
        "placement_id": placement.pk,
        "employer_name": employer.name,
        "employer_id_kind": "uscc" if employer.uscc else "id",
        "employer_id": employer.uscc or employer.id_number_masked,
        "worker_name": worker.name,
        "worker_name_bo": worker.name_bo,
        "worker_id": worker.id_number_masked,
        "trade_zh": job.job_type.name_zh,
        "trade_bo": job.job_type.name_bo,
        "job_title": job.title,
        "duties": duties,
        "address": job.address,
        "meeting_point": job.meeting_point,
        "start_date": placement.start_date.isoformat(),
        "end_date": placement.end_date.isoformat(),
        "dates_zh": dates_zh,
        "dates_bo": dates_bo,
        "hours": f"{placement.start_time:%H:%M}–{placement.end_time:%H:%M}",
        "pay_fen": job.pay_fen,
        "pay_unit": job.pay_unit,
        "pay_zh": f"{yuan} {unit_zh}",
        "pay_bo": f"{unit_bo}{yuan}",
        "pay_due_date": pay_due_date.isoformat(),
        "pay_date_zh": date_zh(pay_due_date),
        "pay_date_bo": date_bo(pay_due_date),
        "pay_method": pay_method,
        "pay_method_zh": method_zh,
        "pay_method_bo": method_bo,
        "station_zh": station.name_zh if station else "",
        "station_bo": station.name_bo if station else "",
        "station_address_zh": station.address_zh if station else "",
        "rights_window_zh": f"{rights.number}号窗口（{rights.name_zh}）" if rights else "",
        "rights_window_bo": f"སྒེའུ་ཁུང་ཨང་{rights.number} ({rights.name_bo})" if rights else "",
        "hotline": station.hotline if station else "",
    }
