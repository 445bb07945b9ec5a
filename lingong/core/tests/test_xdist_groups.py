"""xdist's groups hold: the tests marked with one `xdist_group` run on one worker, one after another.

The consumer tests share one task queue, the concurrency tests the database's free connections, and each demo
class one seed: they rely on it. pytest 9.2's structured node ids make xdist 3.8 drop the groups without a word
(pytest-xdist#1386), hence the pin in pyproject.toml; this test fails when the groups are lost again.
"""

import pytest


@pytest.mark.xdist_group("guard")
def test_the_group_reaches_the_worker(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not under xdist's --dist loadgroup")
    assert request.node.nodeid.endswith("@guard")
