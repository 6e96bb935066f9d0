"""The tests of the library example run with the code of release 2.0 (the newest)."""

from django.conf import settings


def _describe() -> str:
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"library example: release {settings.LIBRARY_RELEASE}, database {engine}"


def pytest_report_header(config):
    return _describe()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    terminalreporter.write_line(_describe())  # also with -q, for tests/test_example_upgrade.py
