"""The suite's xdist groups hold: tests that share one seed, one consumer or one server run on one worker."""

import pytest


@pytest.mark.xdist_group("guard")
def test_the_xdist_groups_are_kept(request):
    # pytest 9.2 made `--dist loadgroup` ignore the groups without a word (pytest-xdist#1386): each class's seed
    # was made once per worker, and the consumer tests could meet on one Redis queue from two workers.
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by an xdist worker with --dist loadgroup")
    assert request.node.nodeid.endswith("@guard"), request.node.nodeid
