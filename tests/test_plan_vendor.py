"""The restore plan, for dumps the current code reads differently: another database vendor, the same app version.

The real case (Wagtail's search index from SQLite into PostgreSQL) is in
tests/test_sites.py; these check the plan's words on a dump of the zoo whose
manifest says what such a dump says.
"""

import dataclasses

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from lino_migrate.manifest import FieldInfo, read_manifest
from lino_migrate.plan import build_plan
from tests.zoo.models import Texts

pytestmark = pytest.mark.django_db(transaction=True)


def zoo_dump(tmp_path):
    call_command("dump2py", str(tmp_path / "dump"), "zoo", interactive=False, verbosity=0)
    return read_manifest(tmp_path / "dump")


def test_the_dump_records_each_fields_column_type(tmp_path):
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "1.0"}):
        manifest = zoo_dump(tmp_path)
    db_types = manifest.stamps["models"]["zoo.Texts"]["db_types"]

    assert db_types == {f.name: f.db_type(connection) for f in Texts._meta.local_concrete_fields}


def test_a_model_defined_differently_on_the_dumps_vendor_is_found_with_the_exclude_that_fixes_it(tmp_path):
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "1.0"}):
        manifest = zoo_dump(tmp_path)
        other = "postgresql" if connection.vendor != "postgresql" else "sqlite"
        manifest.stamps["vendor"] = other
        info = manifest.models["zoo.Texts"]
        info.fields = [
            dataclasses.replace(f, type="SearchVectorField") if f.name == "text" else f for f in info.fields
        ]
        manifest.stamps["models"]["zoo.Texts"]["db_types"]["text"] = "tsvector"
        problems = build_plan(manifest).problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"zoo.Texts: the dump was written on {other} and this database is {connection.vendor}, and zoo 1.0 "
        f"defines this model differently on each: text is a SearchVectorField (tsvector) there and a TextField "
        f"({Texts._meta.get_field('text').db_type(connection)}) here."
    ), problems[0]
    assert "Leave it out with --exclude zoo.Texts" in problems[0]


def test_another_release_of_the_app_may_change_a_type_on_another_vendor(tmp_path):
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "1.0"}):
        manifest = zoo_dump(tmp_path)
    manifest.stamps["vendor"] = "postgresql" if connection.vendor != "postgresql" else "sqlite"
    info = manifest.models["zoo.Texts"]
    info.fields = [dataclasses.replace(f, type="CharField") if f.name == "text" else f for f in info.fields]
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "1.1"}):
        assert build_plan(manifest).problems == []


def test_the_fix_for_a_dump_of_the_installed_version_is_one_that_runs(tmp_path):
    """A migrator at the installed version never runs for a dump of that version (dumped < V <= installed)."""
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "1.0"}):
        manifest = zoo_dump(tmp_path)
        info = manifest.models["zoo.Texts"]
        info.fields = info.fields + [FieldInfo("gone", "gone", "gone", "CharField", "text")]
        problems = build_plan(manifest).problems
    assert len(problems) == 1, problems
    assert 'with version = "1.0"' not in problems[0]
    assert (
        "Fix: the dump was written by the installed version 1.0 of zoo, so no migrator runs for it: leave it out "
        "with --exclude zoo.Texts, or give zoo a higher version and in a migrator of zoo with that version, add "
        "migrators.RenameField('Texts', 'gone', 'new_name')"
    ) in problems[0]
