"""Articles: versions kept, review by a second person, publish, withdraw; the consultation log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from lingong.core.errors import Conflict, InvalidInput, NotAllowed, TooManyRequests
from lingong.core.models import Event
from lingong.policy.models import ArticleStatus, Consultation, ConsultationStatus, PolicyArticle, PolicyArticleVersion
from lingong.policy.selectors import (
    article_list_published,
    article_published,
    consultation_figures,
    consultation_follow_ups_due,
    consultation_list,
    consultation_waiting,
)
from lingong.policy.services import (
    ANONYMOUS_ASKS_PER_STATION,
    consultation_answer,
    consultation_ask,
    consultation_follow_up_done,
    consultation_record,
    policy_article_edit,
    policy_article_publish,
    policy_article_return,
    policy_article_submit,
    policy_article_withdraw,
)

from .factories import TEXTS, publish_article, write_article

pytestmark = pytest.mark.django_db


def _snapshot(article):
    article = PolicyArticle.objects.get(pk=article.pk)
    return (article.status, article.published_version_id, article.versions.count(), Event.objects.count())


def test_a_new_article_is_a_draft_with_its_first_version(staff):
    article = write_article(author=staff)
    assert article.status == ArticleStatus.DRAFT
    assert article.published_version is None
    (version,) = article.versions.all()
    assert (version.number, version.title_zh, version.author) == (1, TEXTS["title_zh"], staff)
    assert Event.objects.filter(verb="policy_article_create", subject_id=str(article.pk)).count() == 1


def test_every_edit_is_a_new_version_and_the_old_ones_stay_as_written(staff):
    article = write_article(author=staff)
    policy_article_edit(article=article, actor=staff, **{**TEXTS, "body_zh": "第二稿"})
    policy_article_edit(article=article, actor=staff, **{**TEXTS, "body_zh": "第三稿"})
    bodies = list(article.versions.order_by("number").values_list("number", "body_zh"))
    assert bodies == [(1, TEXTS["body_zh"]), (2, "第二稿"), (3, "第三稿")]


def test_an_edit_that_changes_nothing_is_refused_and_adds_no_version(staff):
    article = write_article(author=staff)
    before = _snapshot(article)
    with pytest.raises(InvalidInput) as error:
        policy_article_edit(article=article, actor=staff, **TEXTS)
    assert error.value.code == "no_change"
    assert _snapshot(article) == before


def test_the_writer_may_not_approve_their_own_text(officer):
    article = write_article(author=officer)
    policy_article_submit(article=article, actor=officer)
    before = _snapshot(article)
    with pytest.raises(NotAllowed) as error:
        policy_article_publish(article=article, actor=officer)
    assert error.value.code == "own_text"
    assert _snapshot(article) == before
    assert PolicyArticle.objects.get(pk=article.pk).status == ArticleStatus.IN_REVIEW


def test_station_staff_may_write_but_not_approve(staff, other_staff):
    article = write_article(author=staff)
    policy_article_submit(article=article, actor=staff)
    before = _snapshot(article)
    with pytest.raises(NotAllowed):
        policy_article_publish(article=article, actor=other_staff)
    assert _snapshot(article) == before


def test_the_auditor_may_not_write(auditor):
    with pytest.raises(NotAllowed):
        write_article(author=auditor)
    assert PolicyArticle.objects.count() == 0


def test_a_second_person_publishes_and_workers_read_that_version(staff, officer):
    article = publish_article(author=staff, reviewer=officer)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_version.number == 1
    assert article_published(article_id=article.pk).pk == article.published_version_id
    verbs = list(Event.objects.filter(subject_id=str(article.pk)).order_by("id").values_list("verb", flat=True))
    assert verbs == ["policy_article_create", "policy_article_submit", "policy_article_publish"]


def test_submitting_needs_the_tibetan_text(staff):
    article = write_article(author=staff, body_bo="")
    before = _snapshot(article)
    with pytest.raises(InvalidInput) as error:
        policy_article_submit(article=article, actor=staff)
    assert (error.value.code, error.value.field) == ("tibetan_required", "body_bo")
    assert _snapshot(article) == before


def test_an_edit_after_publishing_is_a_draft_while_workers_keep_the_published_text(staff, officer):
    article = publish_article(author=staff, reviewer=officer)
    policy_article_edit(article=article, actor=staff, **{**TEXTS, "body_zh": "新的说明"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article_published(article_id=article.pk).body_zh == TEXTS["body_zh"]
    policy_article_submit(article=article, actor=staff)
    policy_article_publish(article=article, actor=officer)
    assert article_published(article_id=article.pk).body_zh == "新的说明"
    assert PolicyArticleVersion.objects.filter(article=article).count() == 2


def test_an_article_in_review_is_not_edited_until_it_is_sent_back(staff, officer):
    article = write_article(author=staff)
    policy_article_submit(article=article, actor=staff)
    before = _snapshot(article)
    with pytest.raises(Conflict):
        policy_article_edit(article=article, actor=staff, **{**TEXTS, "body_zh": "改"})
    assert _snapshot(article) == before
    policy_article_return(article=article, actor=officer, note="请写清楚去哪里办")
    article.refresh_from_db()
    assert (article.status, article.review_note) == (ArticleStatus.DRAFT, "请写清楚去哪里办")
    policy_article_edit(article=article, actor=staff, **{**TEXTS, "body_zh": "改"})
    assert article.versions.count() == 2


def test_withdrawing_hides_the_article_and_keeps_its_versions(staff, officer, admin_user):
    article = publish_article(author=staff, reviewer=officer)
    policy_article_withdraw(article=article, actor=admin_user, note="政策到期")
    article.refresh_from_db()
    assert (article.status, article.published_version) == (ArticleStatus.WITHDRAWN, None)
    assert article_list_published() == []
    assert article.versions.count() == 1
    before = _snapshot(article)
    with pytest.raises(Conflict):
        policy_article_withdraw(article=article, actor=admin_user)
    assert _snapshot(article) == before


def test_a_draft_cannot_be_published_without_review(staff, officer):
    article = write_article(author=staff)
    before = _snapshot(article)
    with pytest.raises(Conflict):
        policy_article_publish(article=article, actor=officer)
    assert _snapshot(article) == before


# --- what workers read --------------------------------------------------------------------------


def test_workers_see_only_published_articles_in_their_language(staff, officer):
    published = publish_article(author=staff, reviewer=officer)
    write_article(author=staff, title_zh="草稿不给看")
    with translation.override("bo"):
        (version,) = article_list_published()
        assert version.article_id == published.pk
        assert version.title == TEXTS["title_bo"]
    with translation.override("zh-hans"):
        assert article_list_published()[0].title == TEXTS["title_zh"]


def test_search_matches_every_word_in_the_readers_language(staff, officer):
    first = publish_article(author=staff, reviewer=officer)
    publish_article(
        author=staff,
        reviewer=officer,
        topic="injury",
        title_zh="工伤保险",
        summary_zh="干活受伤怎么办",
        body_zh="单工伤",
        title_bo="ལས་ཀའི་རྨས་སྐྱོན་འགན་ལེན།",
        summary_bo="ལས་ཀ་བྱེད་སྐབས་རྨས་ན།",
        body_bo="སྒེའུ་ཁུང་དུ་དྲིས།",
    )
    assert [v.article_id for v in article_list_published(query="补贴 身份证", language="zh-hans")] == [first.pk]
    assert article_list_published(query="补贴 工伤", language="zh-hans") == []
    assert [v.article_id for v in article_list_published(query="རོགས་དངུལ", language="bo")] == [first.pk]
    # Chinese words are not searched in the Tibetan text
    assert article_list_published(query="补贴", language="bo") == []
    assert len(article_list_published(topic="injury")) == 1


# --- the consultation log -----------------------------------------------------------------------


def test_a_clerk_logs_an_anonymous_consultation_with_a_referral_and_a_follow_up(staff, stations, today, now):
    consultation = consultation_record(
        actor=staff,
        station=stations["gongdelin"],
        channel="window",
        topic="wage_arrears",
        question="老板欠了两个月工资",
        answer="告诉他可以打 12333，并转给维权专员",
        referral="rights_officer",
        referral_note="维权窗口 3 号",
        follow_up_on=today + timedelta(days=2),
        now=now,
    )
    assert (consultation.status, consultation.worker, consultation.staff) == (ConsultationStatus.ANSWERED, None, staff)
    assert consultation_follow_ups_due(user=staff, day=today + timedelta(days=1)) == []
    assert consultation_follow_ups_due(user=staff, day=today + timedelta(days=2)) == [consultation]
    consultation_follow_up_done(consultation=consultation, actor=staff)
    assert consultation_follow_ups_due(user=staff, day=today + timedelta(days=2)) == []


def test_a_referral_needs_a_note_and_a_refused_log_records_nothing(staff, stations, now):
    with pytest.raises(InvalidInput) as error:
        consultation_record(
            actor=staff,
            station=stations["gongdelin"],
            channel="window",
            topic="training",
            answer="可以报名培训",
            referral="training_course",
            now=now,
        )
    assert error.value.field == "referral_note"
    assert Consultation.objects.count() == 0


def test_staff_log_only_at_their_own_station(staff, stations, now):
    with pytest.raises(NotAllowed):
        consultation_record(
            actor=staff, station=stations["jinzhu-xilu"], channel="phone", topic="other", answer="答复", now=now
        )
    assert Consultation.objects.count() == 0


def test_the_same_form_twice_records_once(staff, stations, now):
    kwargs = {"actor": staff, "station": stations["gongdelin"], "channel": "window", "topic": "other"}
    consultation_record(**kwargs, answer="答复", token="abc", now=now)
    with pytest.raises(Conflict):
        consultation_record(**kwargs, answer="答复", token="abc", now=now)
    assert Consultation.objects.count() == 1


def test_asking_at_the_window_waits_with_a_ticket_until_a_clerk_answers(staff, officer, stations, register_worker, now):
    article = publish_article(author=staff, reviewer=officer)
    worker = register_worker()
    station = stations["gongdelin"]
    first = consultation_ask(station=station, topic="social_insurance", channel="kiosk", article=article, now=now)
    second = consultation_ask(station=station, topic="social_insurance", channel="kiosk", worker=worker, now=now)
    again = consultation_ask(station=station, topic="social_insurance", channel="kiosk", worker=worker, now=now)
    assert (first.ticket, second.ticket, again.pk) == (1, 2, second.pk)
    assert first.question == TEXTS["title_zh"]
    assert [c.pk for c in consultation_waiting(user=staff)] == [first.pk, second.pk]
    consultation_answer(consultation=first, actor=staff, answer="按现行标准办理", now=now)
    first.refresh_from_db()
    assert (first.status, first.staff, first.answered_at) == (ConsultationStatus.ANSWERED, staff, now)
    before = Event.objects.count()
    with pytest.raises(Conflict):
        consultation_answer(consultation=first, actor=staff, answer="又答一次", now=now)
    first.refresh_from_db()
    assert (first.answer, Event.objects.count()) == ("按现行标准办理", before)


def test_other_stations_staff_do_not_see_the_log(staff, other_staff, stations, now):
    consultation_record(
        actor=staff, station=stations["gongdelin"], channel="window", topic="other", answer="答", now=now
    )
    assert consultation_list(user=other_staff).count() == 0
    assert consultation_list(user=staff).count() == 1


def test_the_figures_count_per_day_by_topic_and_referral(staff, stations, today, now):
    station = stations["gongdelin"]
    for topic, referral, note in (
        ("injury", "none", ""),
        ("injury", "other_office", "医保局"),
        ("training", "none", ""),
    ):
        consultation_record(
            actor=staff,
            station=station,
            channel="window",
            topic=topic,
            answer="答",
            referral=referral,
            referral_note=note,
            now=now,
        )
    figures = consultation_figures(user=staff, today=today)
    assert figures.total == 3
    assert figures.by_topic["injury"] == {today: 2}
    assert figures.by_topic["training"] == {today: 1}
    assert figures.by_referral["other_office"] == {today: 1}
    assert figures.by_referral["none"] == {today: 2}


def test_questions_without_a_name_are_bounded_per_station(stations):
    market = stations["market"]
    for _ in range(ANONYMOUS_ASKS_PER_STATION):
        consultation_ask(station=market, topic="injury", channel="kiosk")
    before = Consultation.objects.count()
    with pytest.raises(TooManyRequests):
        consultation_ask(station=market, topic="injury", channel="kiosk")
    assert Consultation.objects.count() == before
    # Another station's window is not affected.
    assert consultation_ask(station=stations["gongdelin"], topic="injury", channel="kiosk").ticket == 1
