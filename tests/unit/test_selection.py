"""``lino_migrate.selection``: which models a dump takes, in which order, and what it says of bad labels."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps, override_settings

from lino_migrate import selection
from lino_migrate.errors import LinoMigrateError
from lino_migrate.selection import (
    dependency_order, dumpable_models, dumped_label_matches, dumped_owner, select_models,
)


def labels(chosen) -> list[str]:
    return [model._meta.label for model in chosen]


def app_labels(app_label: str, chosen) -> list[str]:
    return [label for label in labels(chosen) if label.startswith(app_label + ".")]


# --- which models ----------------------------------------------------------------------


def test_dumpable_models_are_the_concrete_managed_tables_with_the_auto_created_ones():
    got = set(labels(dumpable_models()))
    assert {"zoo.Place", "zoo.Restaurant", "zoo.ItalianRestaurant", "zoo.Book_tags", "zoo.Role_permissions",
            "auth.User_groups", "refs.Item_labels", "sessions.Session", "contenttypes.ContentType"} <= got
    assert "zoo.PlaceProxy" not in got  # a proxy shares its concrete model's table
    everything = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    assert got == {label for label in everything if label != "zoo.PlaceProxy"}


def test_all_models_but_the_default_excludes():
    chosen, left_out = select_models()
    assert left_out == ["sessions.Session"]
    assert "sessions.Session" not in labels(chosen)
    assert set(labels(chosen)) == set(labels(dumpable_models())) - {"sessions.Session"}


@pytest.mark.parametrize("spec", ["sessions", "sessions.Session", "sessions.session"])
def test_a_default_exclude_is_dumped_when_named(spec):
    chosen, left_out = select_models([spec])
    assert labels(chosen) == ["sessions.Session"]
    assert left_out == []


def test_a_default_exclude_stays_out_when_the_apps_named_are_others():
    chosen, left_out = select_models(["zoo", "auth"])
    assert {label.split(".")[0] for label in labels(chosen)} == {"zoo", "auth"}
    assert left_out == []  # sessions was not a candidate: nothing left out of what was asked


def test_an_app_label_takes_all_its_models():
    chosen, _ = select_models(["refs"])
    assert set(labels(chosen)) == {m._meta.label for m in dumpable_models() if m._meta.app_label == "refs"}


@pytest.mark.parametrize("spec", ["zoo.Book", "zoo.book", "zoo.BOOK"])
def test_a_model_takes_its_auto_created_many_to_many_table(spec):
    chosen, _ = select_models([spec])
    assert labels(chosen) == ["zoo.Book", "zoo.Book_tags"]  # not Authorship: an explicit through model


def test_the_auto_created_table_alone_and_names_that_only_begin_alike():
    assert labels(select_models(["zoo.book_tags"])[0]) == ["zoo.Book_tags"]
    assert labels(select_models(["refs.Item"])[0]) == ["refs.Item", "refs.Item_labels"]  # not Item_1, Item_tags
    assert labels(select_models(["refs.Item_tags"])[0]) == ["refs.Item_tags"]


def test_a_child_model_is_taken_without_its_parent():
    assert labels(select_models(["zoo.Restaurant"])[0]) == ["zoo.Restaurant"]


def test_a_proxy_named_is_a_known_model_that_takes_no_table():
    assert select_models(["zoo.PlaceProxy"]) == ([], [])


def test_excludes_leave_models_and_their_auto_created_tables_out():
    chosen, left_out = select_models(["zoo"], ["zoo.Book", "zoo.numbers"])
    assert left_out == ["zoo.Book", "zoo.Book_tags", "zoo.Numbers"]
    assert not {"zoo.Book", "zoo.Book_tags", "zoo.Numbers"} & set(labels(chosen))
    assert "zoo.Authorship" in labels(chosen) and "zoo.Tag" in labels(chosen)


def test_excluding_an_app_lists_each_of_its_models_sorted():
    chosen, left_out = select_models(exclude=["refs"])
    refs = sorted(m._meta.label for m in dumpable_models() if m._meta.app_label == "refs")
    assert left_out == sorted(refs + ["sessions.Session"])
    assert not app_labels("refs", chosen)


def test_an_excluded_model_that_was_not_included_is_not_listed():
    chosen, left_out = select_models(["zoo.Tag"], ["zoo.Book"])
    assert labels(chosen) == ["zoo.Tag"] and left_out == []


@pytest.mark.parametrize("include, exclude, message", [
    (["nope"], [], "Unknown app label 'nope' in 'nope'."),
    (["nope.Thing"], [], "Unknown app label 'nope' in 'nope.Thing'."),
    ([], ["nope"], "Unknown app label 'nope' in 'nope'."),
    (["Zoo"], [], "Unknown app label 'Zoo' in 'Zoo'."),  # app labels are exact, model names are not
    ([""], [], "Unknown app label '' in ''."),
    (["zoo.Nope"], [], "Unknown model 'zoo.Nope': app 'zoo' has no model 'Nope'."),
    (["zoo"], ["zoo.Item"], "Unknown model 'zoo.Item': app 'zoo' has no model 'Item'."),
])
def test_unknown_labels(include, exclude, message):
    with pytest.raises(LinoMigrateError) as raised:
        select_models(include, exclude)
    assert str(raised.value) == message


# --- order -----------------------------------------------------------------------------


def _depends_on(model) -> set[str]:
    return {
        f.related_model._meta.concrete_model._meta.label
        for f in model._meta.local_concrete_fields if f.is_relation and f.related_model is not None
    } - {model._meta.label}


def test_every_model_comes_after_the_models_it_refers_to():
    chosen, _ = select_models()
    order = labels(chosen)
    assert len(order) == len(set(order))
    cycle = {"zoo.CycleA", "zoo.CycleB"}
    for position, model in enumerate(chosen):
        for target in _depends_on(model):
            if target in order and not {model._meta.label, target} <= cycle:
                assert order.index(target) < position, f"{model._meta.label} before {target}"


def test_order_examples():
    order = labels(select_models()[0])
    before = [
        ("contenttypes.ContentType", "auth.Permission"), ("auth.Permission", "auth.Group_permissions"),
        ("auth.Group", "auth.User_groups"), ("zoo.Country", "zoo.City"), ("zoo.Person", "zoo.Passport"),
        ("zoo.Place", "zoo.Restaurant"), ("zoo.Restaurant", "zoo.ItalianRestaurant"), ("zoo.Book", "zoo.Book_tags"),
        ("zoo.Tag", "zoo.Book_tags"), ("zoo.Role", "zoo.Role_permissions"), ("refs.Edition", "refs.Copy"),
        ("zoo5.Shelf", "zoo5.Slot"),
    ]
    for first, second in before:
        if second in order:  # zoo5 only on Django 5.2 and later
            assert order.index(first) < order.index(second), (first, second)


def test_order_does_not_depend_on_the_order_given():
    chosen, _ = select_models(["zoo"])
    assert labels(dependency_order(list(reversed(chosen)))) == labels(chosen)
    assert labels(dependency_order(sorted(chosen, key=lambda m: m._meta.db_table))) == labels(chosen)


def test_ties_are_broken_by_label_and_a_cycle_at_its_smallest_label():
    chosen, _ = select_models(["zoo.AutoPk", "zoo.Tag", "zoo.CycleB", "zoo.CycleA", "zoo.Author"])
    assert labels(chosen) == ["zoo.Author", "zoo.AutoPk", "zoo.Tag", "zoo.CycleA", "zoo.CycleB"]


def test_a_self_reference_is_no_dependency():
    assert labels(dependency_order([apps.get_model("zoo", "Node")])) == ["zoo.Node"]


# --- models the test apps do not have: a registry of their own ---------------------------


@pytest.fixture
def registry(monkeypatch):
    """Models declared in the test go to a registry of their own, which ``selection`` reads."""
    with isolate_apps("tests.zoo") as isolated:
        monkeypatch.setattr(selection, "apps", isolated)
        yield isolated


def test_unmanaged_proxy_and_swapped_models_are_not_dumped(registry):
    class Kept(models.Model):
        class Meta:
            app_label = "zoo"

    class Outside(models.Model):
        class Meta:
            app_label = "zoo"
            managed = False

    class Seen(Kept):
        class Meta:
            app_label = "zoo"
            proxy = True

    class Replaceable(models.Model):
        class Meta:
            app_label = "zoo"
            swappable = "LM_TEST_REPLACEABLE"

    assert labels(dumpable_models()) == ["zoo.Kept", "zoo.Replaceable"]
    with override_settings(LM_TEST_REPLACEABLE="zoo.Kept"):
        assert labels(dumpable_models()) == ["zoo.Kept"]
        assert select_models(["zoo"]) == ([Kept], [])
        assert select_models(["zoo.Outside"]) == ([], [])  # a known model: no error, no table


def test_a_chain_and_a_many_to_many_through_an_isolated_registry(registry):
    class Shelf(models.Model):
        class Meta:
            app_label = "zoo"

    class Box(models.Model):
        shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)

        class Meta:
            app_label = "zoo"

    class Aaa(models.Model):
        boxes = models.ManyToManyField(Box)

        class Meta:
            app_label = "zoo"

    chosen, left_out = select_models(["zoo"])
    assert labels(chosen) == ["zoo.Aaa", "zoo.Shelf", "zoo.Box", "zoo.Aaa_boxes"]
    assert left_out == []


def test_a_model_that_depends_on_a_cycle_comes_after_it(registry):
    class Cyc1(models.Model):
        other = models.ForeignKey("Cyc2", null=True, on_delete=models.SET_NULL)

        class Meta:
            app_label = "zoo"

    class Cyc2(models.Model):
        other = models.ForeignKey(Cyc1, null=True, on_delete=models.SET_NULL)

        class Meta:
            app_label = "zoo"

    class Aaa(models.Model):
        cyc = models.ForeignKey(Cyc1, on_delete=models.CASCADE)

        class Meta:
            app_label = "zoo"

    order = labels(dependency_order([Aaa, Cyc1, Cyc2]))
    assert order.index("zoo.Cyc1") < order.index("zoo.Aaa")


# --- labels of a dump --------------------------------------------------------------------


@pytest.mark.parametrize("label, spec, owner, expected", [
    ("zoo.Book", "zoo", None, True),
    ("zoo.Book", "zoo.Book", None, True),
    ("zoo.Book", "zoo.book", None, True),
    ("zoo.Book", "Zoo.Book", None, False),  # app labels exactly
    ("zoo.Book", "zoo.Boo", None, False),
    ("zoo.Book", "refs", None, False),
    ("refs.Item_1", "refs.Item", None, False),  # Item is not Item_1
    ("refs.Item_labels", "refs.Item", "refs.Item", True),  # the auto-created table goes with its owner
    ("refs.Item_labels", "refs.Item", None, False),
    ("refs.Item_labels", "refs.item_labels", "refs.Item", True),
    ("gone.Thing", "gone.thing", None, True),  # by label alone: a model the code no longer has
])
def test_dumped_label_matches(label, spec, owner, expected):
    assert dumped_label_matches(label, spec, owner) is expected


def test_dumped_owner():
    assert dumped_owner("zoo.Book_tags", "zoo.Book") == "zoo.Book"  # recorded in the manifest
    assert dumped_owner("zoo.Book_tags", None) == "zoo.Book"  # an older dump: the current code says
    assert dumped_owner("refs.Item_tags", None) is None  # a model of its own, whatever its name
    assert dumped_owner("zoo.Book", None) is None
    assert dumped_owner("gone.Thing_tags", None) is None  # no guess from the name
