"""A feed fetched over real HTTP from a local fake platform; the trade queue and its remembered corrections."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lingong.aggregation.models import ImportRowResult, TradeMappingReview, TradeMappingRule
from lingong.aggregation.samples import sample_bytes
from lingong.aggregation.services import import_run, source_fetcher, trade_for_title, trade_mapping_correct
from lingong.core.errors import NotAllowed
from lingong.jobs.models import Job


@pytest.fixture
def fake_platform(today):
    """A local stand-in for BOSS's partner endpoint: the sample feed for the right key, 401 otherwise."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(self.headers.get("X-Api-Key"))
            if self.headers.get("X-Api-Key") != "secret-key-1":
                self.send_response(401)
                self.end_headers()
                return
            body = sample_bytes("boss", today)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/openapi/job/list", seen
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_http_feed_with_sealed_credentials(make_source, admin_user, known_employers, fake_platform, today):
    url, seen = fake_platform
    source = make_source("boss", fetch_kind="http", url=url, credentials="secret-key-1")
    source.credentials_header = "X-Api-Key"
    source.save()
    assert "secret-key-1" not in source.credentials_sealed

    run = import_run(source=source, actor=source.run_as, trigger="schedule", today=today)

    assert seen == ["secret-key-1"]
    assert (run.status, run.read, run.new, run.file_name) == ("done", 4, 4, "list")
    assert Job.objects.filter(source="boss").count() == 4


@pytest.mark.django_db
def test_http_feed_refused_key_fails_the_run(make_source, admin_user, fake_platform, today):
    url, seen = fake_platform
    source = make_source("boss", fetch_kind="http", url=url, credentials="wrong")
    run = import_run(source=source, actor=admin_user, today=today)
    assert (run.status, run.failure, run.read) == ("failed", "HTTP 401", 0)
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_file_source_needs_a_file(make_source, admin_user):
    from lingong.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        source_fetcher(make_source("58"))


@pytest.mark.django_db
def test_uncertain_trade_queued_and_correction_remembered(
    make_source, admin_user, staff, job_types, known_employers, today
):
    run = import_run(
        source=make_source("boss"), actor=admin_user, upload=(sample_bytes("boss", today), "b.json"), today=today
    )
    # "厨房帮工": no trade name in it, and CSCO's nearest occupation is only roughly a Lingong trade
    review = TradeMappingReview.objects.get()
    assert (review.title, review.guessed.slug, review.resolved_at) == ("厨房帮工", "kitchen_helper", None)
    assert (
        ImportRowResult.objects.get(run=run, external_id="b7a1c0f2e9d84a02").reason == "工种是推测的：工作人员会核对。"
    )
    with pytest.raises(NotAllowed):
        trade_mapping_correct(review=review, job_type=job_types["dishwasher"], actor=make_user_auditor(admin_user))
    assert TradeMappingRule.objects.count() == 0

    trade_mapping_correct(review=review, job_type=job_types["dishwasher"], actor=staff)

    review.refresh_from_db()
    assert review.resolved_by == staff
    assert review.job.job_type.slug == "dishwasher"
    job_type, guess = trade_for_title("厨房帮工")
    assert (job_type.slug, guess.via, guess.confidence) == ("dishwasher", "rule", 1.0)


def make_user_auditor(admin_user):
    from lingong.accounts.models import User

    return User.objects.create_user(username="auditor-x", password="pw", role="auditor", is_staff=True)
