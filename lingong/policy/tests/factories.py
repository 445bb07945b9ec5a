"""Articles for tests: both languages written, or published by a second person."""

from __future__ import annotations

from lingong.policy.services import policy_article_create, policy_article_publish, policy_article_submit

TEXTS = {
    "title_zh": "灵活就业人员社会保险补贴",
    "title_bo": "ལས་ཀ་འགྱུར་ཅན་གྱི་སྤྱི་ཚོགས་འགན་ལེན་རོགས་དངུལ།",
    "summary_zh": "以个人身份参加社会保险的灵活就业人员，符合条件的可以申请补贴。",
    "summary_bo": "མི་སྒེར་གྱི་ཐོབ་ཐང་ཐོག་ནས་འགན་ལེན་ལ་ཞུགས་པའི་ལས་མི་ལ་རོགས་དངུལ་ཞུ་ཆོག",
    "body_zh": "请带身份证到驿站窗口咨询现行的补贴标准和办理流程。",
    "body_bo": "ད་ལྟའི་རོགས་དངུལ་གྱི་ཚད་གཞི་དྲི་བར་ངོ་སྤྲོད་ལག་ཁྱེར་ཁྱེར་ནས་སྒེའུ་ཁུང་དུ་ཕེབས་རོགས།",
}


def write_article(*, author, topic: str = "social_insurance", **texts):
    return policy_article_create(actor=author, topic=topic, **{**TEXTS, **texts})


def publish_article(*, author, reviewer, topic: str = "social_insurance", **texts):
    article = write_article(author=author, topic=topic, **texts)
    policy_article_submit(article=article, actor=author)
    return policy_article_publish(article=article, actor=reviewer)
