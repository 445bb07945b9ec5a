"""The policy screens through the test client: kiosk (both languages), the worker door, the console."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from lingong.policy.models import ArticleStatus, Consultation, ConsultationStatus, PolicyArticle

from .factories import TEXTS, publish_article, write_article

pytestmark = pytest.mark.django_db


def _lang(client, language):
    client.cookies["lingong_language"] = language


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_kiosk_lists_searches_and_shows_an_article_in_its_language(kiosk_client, staff, officer, language):
    article = publish_article(author=staff, reviewer=officer)
    write_article(author=staff, title_zh="还在写的草稿")
    _lang(kiosk_client, language)
    suffix = "bo" if language == "bo" else "zh"
    page = kiosk_client.get("/kiosk/policy/").content.decode()
    assert TEXTS[f"title_{suffix}"] in page
    assert "还在写的草稿" not in page
    word = TEXTS[f"summary_{suffix}"].split("，")[0][:6]
    found = f'data-article="{article.pk}"'
    assert found in kiosk_client.get("/kiosk/policy/", {"q": word}).content.decode()
    assert found not in kiosk_client.get("/kiosk/policy/", {"q": "没有这个词"}).content.decode()
    page = kiosk_client.get(f"/kiosk/policy/{article.pk}/").content.decode()
    assert TEXTS[f"body_{suffix}"] in page
    # no recording: the browser's voice button, hidden until the browser says it has a voice
    assert 'data-speak-lang="{}"'.format("bo" if language == "bo" else "zh") in page
    assert kiosk_client.get(f"/kiosk/policy/{article.pk}/audio/{language}/").status_code == 404


def test_a_recording_is_played_when_there_is_one(kiosk_client, staff, officer):
    wav = b"RIFF" + b"\0" * 60
    article = write_article(author=staff)
    from lingong.policy.services import policy_article_edit, policy_article_publish, policy_article_submit

    policy_article_edit(article=article, actor=staff, **TEXTS, audio_zh=(wav, "audio/wav"))
    policy_article_submit(article=article, actor=staff)
    policy_article_publish(article=article, actor=officer)
    _lang(kiosk_client, "zh-hans")
    page = kiosk_client.get(f"/kiosk/policy/{article.pk}/").content.decode()
    assert f'data-audio="/kiosk/policy/{article.pk}/audio/zh-hans/"' in page
    response = kiosk_client.get(f"/kiosk/policy/{article.pk}/audio/zh-hans/")
    assert (response.status_code, response["Content-Type"], response.content) == (200, "audio/wav", wav)
    assert kiosk_client.get(f"/kiosk/policy/{article.pk}/audio/bo/").status_code == 404


def test_a_draft_is_not_found_at_the_kiosk(kiosk_client, staff):
    article = write_article(author=staff)
    assert kiosk_client.get(f"/kiosk/policy/{article.pk}/").status_code == 404
    assert kiosk_client.post(f"/kiosk/policy/{article.pk}/ask/").status_code == 404
    assert Consultation.objects.count() == 0


def test_asking_at_the_kiosk_shows_a_ticket_and_reaches_the_station_list(kiosk_client, staff, officer):
    article = publish_article(author=staff, reviewer=officer)
    response = kiosk_client.post(f"/kiosk/policy/{article.pk}/ask/")
    assert response.url == "/kiosk/policy/ticket/"
    page = kiosk_client.get("/kiosk/policy/ticket/").content.decode()
    assert 'data-ticket="1"' in page
    consultation = Consultation.objects.get()
    assert (consultation.status, consultation.channel, consultation.worker, consultation.ticket) == (
        ConsultationStatus.WAITING,
        "kiosk",
        None,
        1,
    )
    clerk = Client()
    clerk.force_login(staff)
    assert f'data-consultation="{consultation.pk}"' in clerk.get("/console/consultations/").content.decode()
    response = clerk.post(
        f"/console/consultations/{consultation.pk}/answer/",
        {
            f"c{consultation.pk}-topic": "social_insurance",
            f"c{consultation.pk}-answer": "带身份证去社保窗口",
            f"c{consultation.pk}-referral": "none",
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.answer, consultation.staff) == ("answered", "带身份证去社保窗口", staff)


def test_the_worker_door_reads_and_asks_at_the_workers_station(client, register_worker, staff, officer):
    article = publish_article(author=staff, reviewer=officer)
    worker = register_worker()
    client.force_login(worker.user)
    _lang(client, "bo")
    assert TEXTS["title_bo"] in client.get("/w/policy/").content.decode()
    assert TEXTS["body_bo"] in client.get(f"/w/policy/{article.pk}/").content.decode()
    response = client.post(f"/w/policy/{article.pk}/ask/")
    assert response.url == f"/w/policy/{article.pk}/"
    consultation = Consultation.objects.get()
    assert (consultation.worker, consultation.station, consultation.channel) == (
        worker,
        worker.registered_station,
        "web",
    )


def test_a_clerk_logs_a_consultation_in_one_form(client, staff, officer, today):
    article = publish_article(author=staff, reviewer=officer)
    client.force_login(staff)
    page = client.get("/console/consultations/").content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {
        "token": token,
        "channel": "phone",
        "topic": "wage_arrears",
        "question": "老板不给钱",
        "answer": "可以打 12333，也可以来驿站找维权专员",
        "article": article.pk,
        "referral": "rights_officer",
        "referral_note": "维权窗口",
        "follow_up_on": (today + timedelta(days=3)).isoformat(),
    }
    assert client.post("/console/consultations/", data).status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.topic, consultation.referral, consultation.article, consultation.follow_up_on) == (
        "wage_arrears",
        "rights_officer",
        article,
        today + timedelta(days=3),
    )
    # the same form sent again records nothing more
    assert client.post("/console/consultations/", data).status_code == 400
    assert Consultation.objects.count() == 1
    # a referral without a note: the form says so and keeps what was typed
    response = client.post("/console/consultations/", {**data, "token": "other", "referral_note": ""})
    assert response.status_code == 400
    assert "可以打 12333" in response.content.decode()
    assert Consultation.objects.count() == 1


def test_console_review_needs_a_second_person(client, staff, officer):
    client.force_login(staff)
    response = client.post("/console/policy/new/", {"topic": "training", **{k: v for k, v in TEXTS.items()}})
    article = PolicyArticle.objects.get()
    assert response.url == f"/console/policy/{article.pk}/"
    client.post(f"/console/policy/{article.pk}/submit/")
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    # station staff may not approve; the page does not offer it
    assert "/publish/" not in client.get(f"/console/policy/{article.pk}/").content.decode()
    client.post(f"/console/policy/{article.pk}/publish/")
    article.refresh_from_db()
    assert (article.status, article.published_version) == (ArticleStatus.IN_REVIEW, None)
    reviewer = Client()
    reviewer.force_login(officer)
    assert f"/console/policy/{article.pk}/publish/" in reviewer.get(f"/console/policy/{article.pk}/").content.decode()
    reviewer.post(f"/console/policy/{article.pk}/publish/")
    article.refresh_from_db()
    assert (article.status, article.published_version.number) == (ArticleStatus.PUBLISHED, 1)
    assert client.get(f"/console/policy/{article.pk}/versions/1/").status_code == 200


def test_the_api_lists_published_articles_in_both_languages(client, staff, officer):
    article = publish_article(author=staff, reviewer=officer)
    write_article(author=staff, title_zh="草稿")
    body = client.get("/api/v1/policy/articles").json()
    assert [(a["id"], a["version"], a["title_zh"], a["title_bo"]) for a in body] == [
        (article.pk, 1, TEXTS["title_zh"], TEXTS["title_bo"])
    ]
    assert client.get("/api/v1/policy/articles", {"q": "补贴", "lang": "bo"}).json() == []
    assert len(client.get("/api/v1/policy/articles", {"q": "补贴", "lang": "zh-hans"}).json()) == 1


def test_from_the_workers_page_the_question_is_logged_with_the_worker(client, staff, register_worker):
    worker = register_worker()
    client.force_login(staff)
    assert (
        f"/console/consultations/?worker={worker.pk}" in client.get(f"/console/workers/{worker.pk}/").content.decode()
    )
    page = client.get(f"/console/consultations/?worker={worker.pk}").content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {"token": token, "worker": worker.pk, "channel": "window", "topic": "training", "answer": "介绍了电工班"}
    assert client.post(f"/console/consultations/?worker={worker.pk}", data).status_code == 302
    assert Consultation.objects.get().worker == worker
