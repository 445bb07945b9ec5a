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


# The enterprises the sample feeds name (lingong/aggregation/samples/*): credit code, name, contact, phone, address.
SAMPLE_EMPLOYERS = (
    ("91540102945807305W", "拉萨雪域酒店管理有限公司", "次仁", "13908901001", "拉萨市城关区北京中路128号"),
    ("915401022157368165", "西藏圣城建筑工程有限公司", "扎西", "13908901002", "拉萨市城关区纳金路纳金工地"),
    ("915401029303642658", "拉萨吉祥餐饮有限公司", "卓玛", "13908901003", "拉萨市城关区八廓街东侧吉祥餐厅"),
    ("91540102212997228J", "拉萨布达拉物业服务有限公司", "王磊", "13908901004", "拉萨市城关区宇拓路小区"),
    ("91540102003322451Y", "西藏高原物流有限公司", "李强", "13908901005", "拉萨市城关区金珠西路物流园"),
    ("915401023832364071", "拉萨日光家政服务有限公司", "央金", "13908901006", "拉萨市城关区江苏路商场"),
)


@pytest.fixture
def known_employers(db, admin_user, stations):
    """The sample feeds' employers, registered at the market station and verified by staff (credit code checked),
    so that their imported jobs are shown at once (docs/posting-checks.md, "unknown employer")."""
    from lingong.core.models import Channel
    from lingong.employers.models import Employer
    from lingong.employers.services import employer_register, employer_verify

    known = {}
    for uscc, name, contact, phone, address in SAMPLE_EMPLOYERS:
        employer = employer_register(
            kind=Employer.Kind.ENTERPRISE,
            name=name,
            contact_name=contact,
            contact_phone=phone,
            address=address,
            channel=Channel.WINDOW,
            actor=admin_user,
            uscc=uscc,
            station=stations["market"],
            language="zh-hans",
        )
        known[uscc] = employer_verify(employer=employer, actor=admin_user, approve=True, note="统一社会信用代码已核实")
    return known
