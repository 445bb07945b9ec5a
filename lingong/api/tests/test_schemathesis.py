"""Every API operation fuzzed against its own OpenAPI document: no server error, every answer as documented.

Schemathesis generates requests from the schema (valid and invalid) and checks
each response against it: status codes documented, bodies of the declared
shape, content types, headers. A signed-in worker's and employer's tokens are
sent so the operations behind sign-in are reached too.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from lingong.api.services import api_token_issue

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# One worker runs them all, in file order: the last test checks what the fuzzing reached.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("schemathesis")]
TOKENS: dict[str, str] = {}  # this test's tokens, by side; filled by the `tokens` fixture
SIGNED_IN: list[str] = []


@schema.auth(refresh_interval=None)  # tokens change with each test's database: never cached
class BearerOfTheTest:
    """A signed-in worker or employer, as the operation's side; schemathesis knows the header is auth."""

    def get(self, case, context):
        return TOKENS.get("employer" if case.path.startswith("/api/v1/employer") else "worker", "")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    """As Django's test client does: the test's transaction must outlive each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(register_worker, employer, make_user):
    worker = register_worker()
    boss = make_user("employer")
    employer.user = boss
    employer.save(update_fields=["user"])
    TOKENS.update(worker=api_token_issue(user=worker.user)[0], employer=api_token_issue(user=boss)[0])
    return TOKENS


# Plain pytest parametrization (one test id per operation and mode): schemathesis's own gives every
# operation the same node id, and pytest-xdist would then run only one of them.
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def _has_input(operation) -> bool:
    return any(len(part) for part in (operation.query, operation.path_parameters, operation.headers, operation.body))


# Valid and invalid requests; an operation that takes no input has no invalid request to make.
CASES = [
    pytest.param(operation, mode, id=f"{operation.label}-{mode.value}")
    for operation in OPERATIONS
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or _has_input(operation)
]


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_every_operation_answers_as_documented(operation, mode, tokens):
    @given(case=operation.as_strategy(generation_mode=mode, auth_storage=schema.auth))
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def fuzz(case):
        # Not `positive_data_acceptance`: rules beyond a schema refuse some well-formed requests by design
        # (a wrong SMS code, an unknown trade, an Idempotency-Key used for another request).
        response = case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
        ours = {f"Bearer {token}" for token in tokens.values()}
        revoking = case.path.endswith("/auth/sign-out")  # the first example revokes the token the others send
        if (case.headers or {}).get("Authorization") in ours and not revoking:
            SIGNED_IN.append(case.path)
            assert response.status_code != 401, "a valid token was refused"

    fuzz()


def test_the_fuzzing_reached_the_operations_behind_sign_in(tokens):
    """Run in the same process after the fuzzing (file order): it did get past the sign-in."""
    if not SIGNED_IN:
        pytest.skip("run alone: nothing fuzzed in this process")
    assert any(path.startswith("/api/v1/worker/") for path in SIGNED_IN)
    assert any(path.startswith("/api/v1/employer/") for path in SIGNED_IN)
