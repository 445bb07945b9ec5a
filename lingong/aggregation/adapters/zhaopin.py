"""智联招聘 (Zhaopin): the employer's job export, a CSV sheet with Chinese headers (UTF-8 or GBK).

Read by the generic sheet reader with Zhaopin's own fixed mapping; pay is a low/high pair and a
unit column. Modelled on Zhaopin's "职位管理 → 导出" sheet; check against the real export.
"""

from __future__ import annotations

from .base import PostingRow, RowProblem
from .generic import generic_rows

ZHAOPIN_MAPPING = {
    "external_id": "职位编号",
    "title": "职位名称",
    "category": "职位类别",
    "employer_name": "公司名称",
    "uscc": "统一社会信用代码",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "area": "工作地区",
    "address": "工作地址",
    "lat": "纬度",
    "lon": "经度",
    "pay_amount": "薪资下限(元)",
    "pay_unit": "计薪方式",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "work_time": "工作时间",
    "headcount": "招聘人数",
    "description": "职位描述",
    "closed": "职位状态",
}


def zhaopin_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    return generic_rows(payload, mapping=ZHAOPIN_MAPPING, file_name="zhaopin.csv")
