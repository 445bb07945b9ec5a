"""The facts an agreement states, pre-formatted in both languages.

Kept as plain JSON on the agreement (`Agreement.terms`), so the rendered
text can always be checked against them and never depends on later edits
of the job, the worker or the station.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from lingong.core.money import format_yuan
from lingong.core.tibetan import bo_genitive

from .terms_v1 import terms_bo_v1

# New agreements use the newest template; an agreement keeps the version it was made with, and its terms are
# formatted for that version (the signed 2026-11-v1 text never changes, see docs/agreements.md).
AGREEMENT_TEMPLATE_VERSION = "2026-12-v2"
V1 = "2026-11-v1"

# 2026-12-v2: the glossary's words (docs/translation.md): the amount, then the pay unit; རྩིས་ཁྲ for an
# account; ཕྱོགས་ཁ (party B) as the agreement names the worker.
PAY_UNIT_LABELS_BO = {
    "hour": "སྒོར་མོ་/ཆུ་ཚོད་རེ",
    "day": "སྒོར་མོ་/ཉིན་རེ",
    "piece": "སྒོར་མོ་/ཅ་ལག་རེ",
    "month": "སྒོར་མོ་/ཟླ་རེ",
}
PAY_METHOD_LABELS_BO = {
    "cash_or_transfer": "དངུལ་དངོས་སམ། ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་རྩིས་ཁྲར་དངུལ་སྤོ།",
    "cash": "དངུལ་དངོས།",
    "bank": "དངུལ་ཁང་བརྒྱུད་ནས་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་དངུལ་ཁང་གི་རྩིས་ཁྲར་དངུལ་སྤོ།",
    "mobile": "ལག་ཁྱེར་ཁ་པར་བརྒྱུད་ནས་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་རྩིས་ཁྲར་དངུལ་སྤྲོད།",
}

PAY_UNIT_LABELS_ZH = {"hour": "元/小时", "day": "元/天", "piece": "元/件", "month": "元/月"}
PAY_METHOD_LABELS_ZH = {
    "cash_or_transfer": "现金，或转账至乙方本人账户",
    "cash": "现金",
    "bank": "银行转账至乙方本人账户",
    "mobile": "手机支付至乙方本人账户",
}
# Days after the last working day by which wages are due, by job kind.
PAY_DAYS_AFTER_END = {"day_gig": 0, "short_term": 7, "long_term": 30}


def default_pay_due_date(job) -> date:
    return job.end_date + timedelta(days=PAY_DAYS_AFTER_END.get(job.kind, 0))


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_bo_v2(day: date) -> str:
    """The glossary's one Tibetan date style, as the screens write it (lingong/formats/bo: "Y ལོའི་ཟླ་ n ཚེས་ j")."""
    return f"{day.year} ལོའི་ཟླ་ {day.month} ཚེས་ {day.day}"


def _bo_v2(*, placement, job, yuan: str, pay_due_date: date, pay_method: str, rights) -> dict:
    if placement.start_date == placement.end_date:
        dates = date_bo_v2(placement.start_date)
    else:
        dates = f"{date_bo_v2(placement.start_date)} ནས་ {date_bo_v2(placement.end_date)} བར"
    return {
        "dates_bo": dates,
        "pay_bo": f"{yuan} {PAY_UNIT_LABELS_BO[job.pay_unit]}",
        "pay_date_bo": date_bo_v2(pay_due_date),
        "pay_method_bo": PAY_METHOD_LABELS_BO[pay_method],
        # "ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད་ཀྱི་སྒེའུ་ཁུང་ཨང་ 4": the window's name, its genitive, the number.
        "rights_window_bo": f"{bo_genitive(rights.name_bo)}་སྒེའུ་ཁུང་ཨང་ {rights.number}" if rights else "",
    }


def content_sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def agreement_terms(
    *,
    placement,
    version: int,
    amends: int | None,
    pay_due_date: date,
    pay_method: str,
    duties: str,
    template_version: str = AGREEMENT_TEMPLATE_VERSION,
) -> dict:
    """Everything the template prints, formatted for its version; personal numbers masked."""
    job = placement.job
    worker = placement.worker
    employer = job.employer
    station = placement.station or job.station or employer.station
    rights = station.windows.filter(service="rights").order_by("number").first() if station else None
    unit_zh, method_zh = PAY_UNIT_LABELS_ZH[job.pay_unit], PAY_METHOD_LABELS_ZH[pay_method]
    yuan = format_yuan(job.pay_fen)
    if placement.start_date == placement.end_date:
        dates_zh = date_zh(placement.start_date)
    else:
        dates_zh = f"{date_zh(placement.start_date)}至{date_zh(placement.end_date)}"
    bo = terms_bo_v1 if template_version == V1 else _bo_v2
    terms = {
        "template_version": template_version,
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
        "hours": f"{placement.start_time:%H:%M}–{placement.end_time:%H:%M}",
        "pay_fen": job.pay_fen,
        "pay_unit": job.pay_unit,
        "pay_zh": f"{yuan} {unit_zh}",
        "pay_due_date": pay_due_date.isoformat(),
        "pay_date_zh": date_zh(pay_due_date),
        "pay_method": pay_method,
        "pay_method_zh": method_zh,
        "station_zh": station.name_zh if station else "",
        "station_bo": station.name_bo if station else "",
        "station_address_zh": station.address_zh if station else "",
        "rights_window_zh": f"{rights.number}号窗口（{rights.name_zh}）" if rights else "",
        "hotline": station.hotline if station else "",
    }
    terms.update(
        bo(placement=placement, job=job, yuan=yuan, pay_due_date=pay_due_date, pay_method=pay_method, rights=rights)
    )
    return terms
