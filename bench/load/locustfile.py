"""The district's morning rush, as locust users (run by bench/bench_load.py, which writes the people file).

Every user is a person already signed in (the driver made their sessions); the mix is the rush hour's:
workers at kiosks and on the worker door reading their ten jobs and applying, employers reading candidates,
accepting and posting, station staff at the console. Cookies are sent by hand because the production
profile marks them Secure and this runs on loopback behind a pretend TLS proxy (X-Forwarded-Proto).
FastHttpUser (geventhttpclient) costs the load generator a fraction of python-requests' CPU: it shares the
two cores with the servers.

Each user waits a random time between tasks, and before its first, exponentially distributed with a mean of
`LOAD_PACE` seconds, so requests arrive as people do, independently (a fixed pace would make the users fire in step,
in bursts no district sees). The offered load is about users / pace requests a second.
"""

from __future__ import annotations

import json
import os
import random
import re
import secrets
from datetime import date, timedelta
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, task

PEOPLE = json.loads(open(os.environ["LOAD_PEOPLE"], encoding="utf-8").read())  # noqa: SIM115
PACE = float(os.environ.get("LOAD_PACE", "2.0"))
APPLY = re.compile(r"/kiosk/jobs/(\d+)/apply/")
WORKER_JOB = re.compile(r"/w/jobs/(\d+)/")
ACCEPT = re.compile(r"/e/applications/(\d+)/accept/")
EMPLOYER_JOB = re.compile(r"/e/jobs/(\d+)/")


class Person(FastHttpUser):
    abstract = True
    kind = ""

    def wait_time(self) -> float:
        return random.expovariate(1.0 / PACE)

    def on_start(self):
        person = random.choice(PEOPLE[self.kind])
        self.person = person
        self.csrf = secrets.token_hex(16)  # a 32-character secret: Django accepts it as cookie and form token
        cookies = {"sessionid": person["session"], "csrftoken": self.csrf, **person.get("cookies", {})}
        self.headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Accept-Language": person.get("language", "zh-hans"),
        }
        # The first request too comes after a wait like any other: started together, every user would ask at
        # the same instant, a burst of a few hundred requests at the run's start that no district sees (and
        # that a whole run's tail percentiles would measure). Exponential waits make the arrivals from the
        # first second on what they are later (memoryless).
        gevent.sleep(self.wait_time())

    def get(self, path: str, name: str, gone_to: str | None = None):
        """200, or with `gone_to`: a redirect there (the page's job was filled since the list that showed it,
        and the worker is sent back to the open jobs with the reason: an answer, not an error)."""
        with self.client.get(path, headers=self.headers, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200 and not (r.status_code == 302 and gone_to and r.headers["Location"] == gone_to):
                r.failure(f"{r.status_code} {r.headers.get('Location', '')}")
            return r.text if r.status_code == 200 else ""

    def post(self, path: str, name: str, form: dict | None = None, expect=(302,)):
        headers = {
            **self.headers,
            "Referer": f"https://{self.host.split('//', 1)[1]}{path}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        data = urlencode({"csrfmiddlewaretoken": self.csrf, **(form or {})})
        with self.client.post(
            path, data=data, headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code not in expect:
                r.failure(f"{r.status_code} {r.text[:200]}")
            return r


class KioskWorker(Person):
    """A worker at a kiosk: the ten jobs that fit, their work, now and then an application."""

    weight = 35
    kind = "kiosk"

    @task(6)
    def home(self):
        self.page = self.get("/kiosk/home/", "kiosk: home (ten jobs)")

    @task(2)
    def work(self):
        self.get("/kiosk/work/", "kiosk: my work")

    @task(1)
    def score(self):
        self.get("/kiosk/score/", "kiosk: my score")

    @task(2)
    def apply(self):
        jobs = APPLY.findall(getattr(self, "page", "") or self.get("/kiosk/home/", "kiosk: home (ten jobs)"))
        if jobs:
            self.post(f"/kiosk/jobs/{random.choice(jobs)}/apply/", "kiosk: apply [write]")


class DoorWorker(Person):
    """A worker on their own phone (the worker door)."""

    weight = 35
    kind = "door"

    @task(5)
    def jobs(self):
        self.page = self.get("/w/jobs/", "worker door: jobs")

    @task(3)
    def job(self):
        jobs = WORKER_JOB.findall(getattr(self, "page", ""))
        if jobs:
            self.get(f"/w/jobs/{random.choice(jobs)}/", "worker door: one job", gone_to="/w/jobs/")

    @task(2)
    def mine(self):
        self.get("/w/mine/", "worker door: my applications")

    @task(1)
    def work(self):
        self.get("/w/work/", "worker door: my work")

    @task(2)
    def apply(self):
        jobs = WORKER_JOB.findall(getattr(self, "page", "") or self.get("/w/jobs/", "worker door: jobs"))
        if jobs:
            self.post(f"/w/jobs/{random.choice(jobs)}/apply/", "worker door: apply [write]")


class Employer(Person):
    """An employer: their jobs, the candidates of one, accepting a candidate, now and then a new job."""

    weight = 20
    kind = "employer"

    @task(3)
    def home(self):
        self.page = self.get("/e/", "employer: my jobs")

    @task(5)
    def candidates(self):
        jobs = EMPLOYER_JOB.findall(getattr(self, "page", "")) or [str(j) for j in self.person["jobs"]]
        if jobs:
            self.job_page = self.get(f"/e/jobs/{random.choice(jobs)}/", "employer: one job and its candidates")

    @task(2)
    def accept(self):
        applications = ACCEPT.findall(getattr(self, "job_page", ""))
        if applications:
            self.job_page = ""
            # 302 hired; 302 too when the places are gone (the message says so): both are answers, not errors
            self.post(f"/e/applications/{random.choice(applications)}/accept/", "employer: accept [write]")

    @task(1)
    def post_job(self):
        start = date.fromisoformat(self.person["today"]) + timedelta(days=random.randint(1, 5))
        form = {
            "token": secrets.token_hex(16),
            "headcount": random.randint(1, 5),
            "pay_yuan": random.choice(["180", "200", "250", "300"]),
            "pay_unit": "day",
            "start_date": start.isoformat(),
            "days": 1,
            "start_time": "08:30",
            "end_time": "17:30",
            "address": "拉萨市城关区北京中路",
            "area": self.person["station"],
            "description": "",
        }
        self.post(f"/e/post/{random.choice(self.person['trades'])}/", "employer: post a job [write]", form)


class Staff(Person):
    """Station staff at the window: the day, finding a worker, the jobs."""

    weight = 10
    kind = "staff"

    @task(2)
    def day(self):
        self.get("/console/", "console: the day")

    @task(3)
    def workers(self):
        self.get(f"/console/workers/?q={random.choice(self.person['names'])}", "console: find a worker")

    @task(3)
    def jobs(self):
        self.get("/console/jobs/", "console: jobs")


class StationScreen(Person):
    """A station's screen (no sign-in): it fetches its body again each time the boards change. At ten times
    the peak something changes every second or so, so a screen refetches about every `LOAD_PACE` seconds;
    weight 7 of 109 is about 13 of the 200 users at 100 requests a second (three at each of the four sites, the hall's big screen)."""

    weight = 7
    kind = "screen"

    @task(4)
    def jobs(self):
        self.get(f"/boards/{self.person['station']}/jobs/?body=1", "board: job board body")

    @task(4)
    def feed(self):
        self.get(f"/boards/{self.person['station']}/feed/?body=1", "board: hires feed body")

    @task(1)
    def hall(self):
        self.get("/boards/hall/?body=1", "board: hall screen body")


class Dashboard(Person):
    """Station staff and the bureau reading the figures (this month; their station or the district)."""

    weight = 2
    kind = "staff"

    @task(1)
    def district(self):
        self.get("/console/stats/", "dashboard: this month")

    @task(1)
    def last_week(self):
        self.get(f"/console/stats/?first={self.person['week_ago']}&last={self.person['today']}", "dashboard: a week")
