"""The Tibetan wording of template 2026-11-v1, exactly as it was signed.

Agreements signed on v1 keep their stored text; this module only formats the
terms of a v1 draft that is changed before it is signed, so that its text
stays in v1's words. It is exempt from the glossary scan
(lingong/core/glossary.py): v1 predates the glossary's decisions, and
2026-12-v2 (lingong/agreements/terms.py) follows them.
"""

from __future__ import annotations

from datetime import date

PAY_UNIT_LABELS_BO = {"hour": "ཆུ་ཚོད་རེར་སྒོར་", "day": "ཉིན་རེར་སྒོར་", "piece": "ཆ་རེར་སྒོར་", "month": "ཟླ་རེར་སྒོར་"}
PAY_METHOD_LABELS_BO = {
    "cash_or_transfer": "དངུལ་དངོས་སམ་ཡང་ན་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤོ་སྤྲོད།",
    "cash": "དངུལ་དངོས།",
    "bank": "དངུལ་ཁང་བརྒྱུད་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤོ་སྤྲོད།",
    "mobile": "ཁ་པར་བརྒྱུད་ཕྱོགས་ཁ་རང་ཉིད་ཀྱི་ཐོ་ཁོངས་སུ་སྤྲོད།",
}


def date_bo(day: date) -> str:
    return f"སྤྱི་ལོ་{day.year} ཟླ་{day.month} ཚེས་{day.day}"


def terms_bo_v1(*, placement, job, yuan: str, pay_due_date: date, pay_method: str, rights) -> dict:
    if placement.start_date == placement.end_date:
        dates = date_bo(placement.start_date)
    else:
        dates = f"{date_bo(placement.start_date)} ནས་ {date_bo(placement.end_date)} བར།"
    return {
        "dates_bo": dates,
        "pay_bo": f"{PAY_UNIT_LABELS_BO[job.pay_unit]}{yuan}",
        "pay_date_bo": date_bo(pay_due_date),
        "pay_method_bo": PAY_METHOD_LABELS_BO[pay_method],
        "rights_window_bo": f"སྒེའུ་ཁུང་ཨང་{rights.number} ({rights.name_bo})" if rights else "",
    }
