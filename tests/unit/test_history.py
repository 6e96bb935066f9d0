"""The routes of dumped apps (history.py): migrators, replay, as is, or refused, read off the migration graph.

The test app ``tests.replayed`` has 0001 and 0002 squashed into 0001_squashed_0002_item_size, then
0003_item_label (a field and a RunPython). It is installed only here.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from lino_migrate.history import choose_routes, replay_allowed
from lino_migrate.manifest import AppInfo

REPLAYED = override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.replayed"])


def routes(migrations: list[str], *, with_migrators=(), allowed=lambda label: True, app="replayed"):
    with REPLAYED:
        found, replay = choose_routes({app: AppInfo("1.0", migrations)}, with_migrators, allowed)
    (route,) = found
    return route, replay


def test_replaced_migrations_all_applied_stand_for_their_squash():
    route, replay = routes(["0001_initial", "0002_item_size"])
    assert (route.kind, route.problem) == ("replay", None)
    assert route.migrations == (("replayed", "0003_item_label"),)
    assert route.describe() == "replayed: replay 0003_item_label (1 migration, 1 RunPython)"
    assert replay.recorded == {"replayed": {("replayed", "0001_squashed_0002_item_size")}}
    assert replay.forward == [("replayed", "0003_item_label")]
    # The historical model is the one of the recorded state: no label yet.
    item = replay.schema.get_model("replayed", "Item")
    assert [f.name for f in item._meta.get_fields()] == ["id", "name", "size"]


def test_the_squash_itself_recorded():
    route, replay = routes(["0001_squashed_0002_item_size"])
    assert route.kind == "replay" and route.migrations == (("replayed", "0003_item_label"),)


def test_some_replaced_migrations_applied_is_refused():
    route, replay = routes(["0001_initial"])
    assert replay is None
    assert route.problem == (
        "the dump records only some of the migrations squashed into 0001_squashed_0002_item_size "
        "(0001_initial of 2): Django cannot migrate from such a state"
    )


def test_recorded_state_equal_to_the_current_one_is_as_is():
    route, replay = routes(["0001_initial", "0002_item_size", "0003_item_label"])
    assert (route.kind, route.describe(), replay) == ("as is", "replayed: as is", None)


@pytest.mark.parametrize("names", [["0001_initial", "0002_item_size", "0003_item_label", "0004_newer"], ["0001_gone"]])
def test_a_migration_the_code_lacks_is_refused_naming_it(names):
    route, replay = routes(names)
    assert replay is None
    assert route.problem.startswith(f"the dump records migrations the current code does not have: {names[-1]} ")


def test_a_migrator_wins_over_replay():
    route, replay = routes(["0001_initial", "0002_item_size"], with_migrators=["replayed"])
    assert (route.kind, replay) == ("migrators", None)


def test_replay_turned_off_loads_as_they_are():
    route, replay = routes(["0001_initial", "0002_item_size"], allowed=lambda label: False)
    assert (route.kind, replay) == ("direct", None)
    assert route.describe() == "replayed: as they are into the current schema (replay turned off)"


def test_an_app_without_migrations_is_as_is():
    with REPLAYED:
        (route,), replay = choose_routes({"messages": AppInfo("5.2", [])}, (), lambda label: True)
    assert (route.kind, replay) == ("as is", None)


def test_replay_allowed_by_settings(settings):
    assert replay_allowed("shop")
    assert not replay_allowed("shop", no_replay=True)
    settings.LINO_MIGRATE_REPLAY = {"shop": False}
    assert not replay_allowed("shop") and replay_allowed("wagtailcore")
    settings.LINO_MIGRATE_REPLAY = False
    assert not replay_allowed("wagtailcore")
