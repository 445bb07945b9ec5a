import pytest

GENERIC_MAPPING = {
    "external_id": "编号",
    "title": "岗位名称",
    "employer_name": "单位名称",
    "uscc": "信用代码",
    "contact_name": "联系人",
    "contact_phone": "手机",
    "address": "地址",
    "pay": "日薪",
    "start_date": "开工日期",
    "end_date": "完工日期",
    "work_time": "上班时间",
    "headcount": "人数",
    "description": "说明",
}


@pytest.fixture
def make_source(db, admin_user, stations):
    from lingong.aggregation.services import source_save

    def make(platform, *, fetch_kind="file", url="", mapping=None, full_feed=False, credentials="", expiry_days=14):
        return source_save(
            actor=admin_user,
            name=f"{platform} feed",
            platform=platform,
            fetch_kind=fetch_kind,
            url=url,
            credentials=credentials,
            column_mapping=mapping if mapping is not None else (GENERIC_MAPPING if platform == "generic" else {}),
            expiry_days=expiry_days,
            full_feed=full_feed,
            station=stations["market"],
        )

    return make
