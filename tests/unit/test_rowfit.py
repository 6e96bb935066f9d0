"""rowfit.py's fast columns answer as the general path does: the same prepared value, or the same reason.

Each column function checks the common values inline (integers in range, short ASCII text, values
that need no preparation) and hands the rest to the general path of every ``FieldFit`` check; for
any value, the two must agree. Run on this run's database backend (its ranges, NUL rule, types).
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection, models
from hypothesis import given, settings
from hypothesis import strategies as st

from lino_migrate.fit import FieldFit
from lino_migrate.rowfit import RowFit, Unfit, _checked, column_of, unchanged
from lino_migrate.problems import Problems

#: MariaDB's backend asks the server for its version to name a column's type.
pytestmark = pytest.mark.django_db


def _field(f: models.Field, name: str = "x") -> models.Field:
    f.set_attributes_from_name(name)
    return f


FIELDS = {
    "integer": (_field(models.IntegerField()), unchanged),
    "small, null": (_field(models.SmallIntegerField(null=True)), unchanged),
    "positive big": (_field(models.PositiveBigIntegerField()), unchanged),
    "char(5)": (_field(models.CharField(max_length=5)), unchanged),
    "text, null": (_field(models.TextField(null=True)), unchanged),
    "boolean": (_field(models.BooleanField()), unchanged),
    "uuid": (_field(models.UUIDField()), None),
    "datetime": (_field(models.DateTimeField(null=True)), None),
}

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=8), st.sampled_from(["\x00", "a\x00", "\ud800", "ßß", "abcdef", "abcde"]),
    st.uuids(), st.datetimes(timezones=st.just(datetime.timezone.utc)), st.floats(allow_nan=True),
)


def _prepare(f: models.Field, prepare):
    return prepare if prepare is not None else (lambda v: f.get_db_prep_save(v, connection))


def _outcome(column, value):
    try:
        return ("fits", column(value))
    except Unfit as unfit:
        return ("unfit", unfit.need)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(FIELDS)), value=VALUES)
def test_a_fast_column_answers_as_the_general_path(kind, value):
    f, prepare = FIELDS[kind]
    fit, prepare = FieldFit(f, connection), _prepare(f, prepare)
    assert _outcome(column_of(fit, prepare), value) == _outcome(_checked(fit, prepare), value)


def test_the_common_values_take_the_fast_path():
    """Not the general path (which these stand-ins would make fail), for values that need no more."""
    f, _ = FIELDS["integer"]
    fit = FieldFit(f, connection)
    fit.after_checks = [lambda value: "checked"]  # the general path now refuses everything
    column = column_of(fit, unchanged)
    assert column(7) == 7
    assert _outcome(column, "7") == ("unfit", "checked")
    text, _ = FIELDS["char(5)"]
    fit = FieldFit(text, connection)
    fit.after_checks = [lambda value: "checked"]
    column = column_of(fit, unchanged)
    assert column("abc") == "abc" and _outcome(column, "abcdef") == ("unfit", "checked")


def test_a_row_reports_every_value_that_does_not_fit():
    fields = [FIELDS["integer"][0], _field(models.CharField(max_length=5), "name"), _field(models.UUIDField(), "key")]
    problems = Problems()
    preparers = [unchanged, unchanged, lambda v: fields[2].get_db_prep_save(v, connection)]
    fit = RowFit("app.Model", fields, preparers, connection, problems, "x")
    key = uuid.uuid4()
    assert fit.check([1, "abc", key], "f.py, line 1") == [1, "abc", preparers[2](key)]
    assert fit.check([None, "abcdef", key], "f.py, line 2") is None
    assert problems.count == 2
    assert [(p.field, p.need) for p in problems.shown] == [
        ("x", "needs a value: the column is NOT NULL"),
        ("name", "needs at most 5 characters (the column is varchar(5)), not 6"),
    ]
