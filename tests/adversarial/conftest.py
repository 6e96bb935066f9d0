import pytest
from django.db import connections

from tests.adversarial import helpers


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/adversarial/" in str(item.fspath):
            item.add_marker(pytest.mark.adversarial)


@pytest.fixture(autouse=True)
def _leave_nothing_running(request, _django_db_marker):
    """After each test, before its database is flushed: kill its commands, wait for their sessions to end.

    A test that fails half-way could otherwise leave a restore running that
    commits after the flush, and the next test would find rows it did not make.
    """
    # (pytest-django's marker fixture sets the database up before this, so flushes it after this)
    yield
    helpers.reap_started()
    marker = request.node.get_closest_marker("django_db")
    if helpers.SERVER and marker is not None and marker.kwargs.get("transaction"):
        connections.close_all()  # this process's own session (the flush opens a new one)
        server = helpers.Server()
        try:
            server.wait_until_alone()
        finally:
            server.close()
