"""Posting rules: what a job advertisement may not ask for (pure).

Employment law forbids asking for a gender or an ethnicity without a lawful
reason, and charging job seekers a fee. The patterns are deliberately plain
phrases a clerk can read and extend.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

_GENDER = re.compile(
    r"(限|只要|只招|仅限|要求|需)\s*(男|女)(性|生|士|工)?|(男|女)(性|士)?\s*(优先|即可|勿扰|不要)|不(要|招)(男|女)"
    r"|སྐྱེས་པ་ཁོ་ན|བུད་མེད་ཁོ་ན"
)
_ETHNICITY = re.compile(r"(限|只要|只招|仅限|要求|不要|不招)\s*[\u4e00-\u9fff]{0,3}族|民族\s*(限制|要求)")
_FEE = re.compile(r"(押金|报名费|介绍费|中介费|服装费|培训费|体检费|保证金|收费|交费|缴费)")


def job_posting_problems(*texts: str) -> list[tuple[str, str]]:
    """(code, reason) for each rule the text breaks; empty when it may be published."""
    text = " ".join(t for t in texts if t)
    problems = []
    if _GENDER.search(text):
        problems.append(("asks_gender", str(_("A job may not ask for a gender."))))
    if _ETHNICITY.search(text):
        problems.append(("asks_ethnicity", str(_("A job may not ask for an ethnicity."))))
    if _FEE.search(text):
        problems.append(("charges_fee", str(_("A job may not charge the worker any fee or deposit."))))
    return problems
