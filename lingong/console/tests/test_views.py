"""Bad input at the console's window forms: a form error, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("trades", ["99999999999999999999999", "-1", "x", "1e9"])
def test_an_out_of_range_trade_is_a_form_error_not_a_server_error(client, staff, trades):
    from lingong.workers.models import Worker

    client.force_login(staff)
    response = client.post("/console/workers/new/", {"name": "扎西", "trades": trades, "phone": "13900000009"})
    assert response.status_code in (200, 400) and not Worker.objects.exists()
    assert b"errorlist" in response.content or b'class="error"' in response.content


def test_an_oversized_form_is_413_with_a_page(client):
    response = client.post(
        "/w/login/", data="phone=" + "1" * (3 * 1024 * 1024), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413 and b"<html" in response.content.lower()
