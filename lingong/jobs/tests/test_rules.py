import pytest

from lingong.jobs.rules import job_posting_problems


@pytest.mark.parametrize(
    "text, code",
    [
        ("招服务员，限男性", "asks_gender"),
        ("只招女工", "asks_gender"),
        ("男士优先", "asks_gender"),
        ("限汉族", "asks_ethnicity"),
        ("不招藏族", "asks_ethnicity"),
        ("入职需交押金200元", "charges_fee"),
        ("收取介绍费", "charges_fee"),
    ],
)
def test_refused_postings_name_the_rule(text, code):
    assert [c for c, _ in job_posting_problems(text)] == [code]


@pytest.mark.parametrize("text", ["招洗碗工两名，包午饭", "男女不限", "会说藏语者优先", "日薪300元，当天结清"])
def test_ordinary_postings_pass(text):
    assert job_posting_problems(text) == []
