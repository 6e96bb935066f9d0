"""The schema state: what each operation's state_forwards does to it, and the problems it records.

Labels of the installed test app ``zoo`` resolve attnames against its current models
(``zoo.UuidOwned.owner`` is a foreign key: ``owner_id``); labels of an app that is not
installed (``old``) keep the names as they are.
"""

from __future__ import annotations

from lino_migrate.migrators import (
    AddField,
    BoundOperation,
    RemoveField,
    RemoveModel,
    RenameField,
    RenameModel,
    RunPython,
    SchemaState,
    StateChange,
)


def dumped(**models: dict[str, str]) -> SchemaState:
    """A state with the given dumped models (``zoo__UuidOwned={...}`` is ``zoo.UuidOwned``)."""
    state = SchemaState()
    for key, fields in models.items():
        state.add_dumped_model(key.replace("__", "."), fields, rows=3)
    return state


def test_rename_model_moves_the_model_and_takes_the_current_label():
    state = dumped(zoo__Owner={"id": "id", "name": "name"})
    change = RenameModel("Owner", "uuidowned").state_forwards("zoo", state)
    assert change == StateChange("zoo.uuidowned")
    assert state.get("zoo.owner") is None
    moved = state.get("zoo.UuidOwned")
    assert moved.label == "zoo.UuidOwned"  # the current model's own spelling
    assert moved.sources == ["zoo.Owner"] and moved.fields == {"id": "id", "name": "name"}
    assert state.problems == []


def test_rename_model_problems():
    state = dumped(old__A={"id": "id"}, old__B={"id": "id"})
    change = RenameModel("A", "B").state_forwards("old", state)
    assert change.problems == ("the dumped rows already have a model old.B",)
    assert state.get("old.A") is not None
    change = RenameModel("Missing", "C").state_forwards("old", state)
    assert change.problems == ("the dumped rows have no model old.Missing at this point",)


def test_remove_model():
    state = dumped(old__A={"id": "id"})
    assert RemoveModel("A").state_forwards("old", state) == StateChange("old.A")
    assert state.models == {}
    again = RemoveModel("A").state_forwards("old", state)
    assert again.problems == ("the dumped rows have no model old.A at this point",)


def test_rename_field_resolves_the_row_keys_of_a_foreign_key():
    state = dumped(zoo__UuidOwned={"id": "id", "boss": "boss_id", "name": "name"})
    state.models["zoo.uuidowned"].types.update({"boss": "ForeignKey", "name": "CharField"})
    change = RenameField("UuidOwned", "boss", "owner").state_forwards("zoo", state)
    assert change == StateChange("zoo.UuidOwned", ("boss_id", "owner_id"))
    model = state.get("zoo.UuidOwned")
    assert model.fields == {"id": "id", "name": "name", "owner": "owner_id"}
    assert model.types["owner"] == "ForeignKey" and "boss" not in model.types


def test_rename_field_of_a_model_not_installed_keeps_the_id_suffix():
    state = dumped(old__Book={"id": "id", "writer": "writer_id"})
    assert RenameField("Book", "writer", "author").state_forwards("old", state).keys == ("writer_id", "author_id")
    assert state.get("old.Book").fields == {"id": "id", "author": "author_id"}


def test_rename_field_problems_unless_a_function_changed_the_rows():
    state = dumped(old__Book={"id": "id"})
    change = RenameField("Book", "nope", "title").state_forwards("old", state)
    assert change.problems == ("old.Book has no field 'nope' at this point",)
    assert change.keys == ("nope", "title")
    RunPython("Book", lambda row: row, "reshape").state_forwards("old", state)
    assert RenameField("Book", "other", "x").state_forwards("old", state).problems == ()
    missing = RenameField("Gone", "a", "b").state_forwards("old", state)
    assert missing.problems == ("the dumped rows have no model old.Gone at this point",)


def test_remove_field_by_name_or_by_attname():
    state = dumped(old__Book={"id": "id", "writer": "writer_id", "pages": "pages"})
    assert RemoveField("Book", "writer_id").state_forwards("old", state).keys == ("writer_id",)
    assert RemoveField("Book", "pages").state_forwards("old", state) == StateChange("old.Book", ("pages",))
    assert state.get("old.Book").fields == {"id": "id"}
    assert RemoveField("Book", "pages").state_forwards("old", state).problems == ("old.Book has no field 'pages' at this point",)


def test_add_field_takes_the_current_attname():
    state = dumped(zoo__UuidOwned={"id": "id", "name": "name"})
    change = AddField("UuidOwned", "owner", default=None).state_forwards("zoo", state)
    assert change == StateChange("zoo.UuidOwned", ("owner_id",))
    assert state.get("zoo.UuidOwned").fields["owner"] == "owner_id"
    again = AddField("UuidOwned", "name", default="x").state_forwards("zoo", state)
    assert again.problems == ("zoo.UuidOwned already has a field 'name'",)


def test_add_field_with_the_placeholder_is_a_problem():
    state = dumped(old__Book={"id": "id"})
    change = AddField("Book", "code", default=...).state_forwards("old", state)
    assert change.problems == ("the default is still the placeholder `...` written by makemigrator: fill it in",)
    missing = AddField("Gone", "code", default=...).state_forwards("old", state)
    assert len(missing.problems) == 2 and missing.keys == ("code",)


def test_run_python_marks_the_model_dynamic():
    def reshape(row):
        return row

    state = dumped(old__Book={"id": "id"})
    assert RunPython("Book", reshape).state_forwards("old", state) == StateChange("old.Book")
    assert state.get("old.Book").dynamic == ["Run reshape on each Book row"]
    assert RunPython("Gone", reshape).state_forwards("old", state).problems != ()


def test_an_absolute_model_name_ignores_the_app_label():
    state = dumped(old__Book={"id": "id", "name": "name"})
    assert RenameField("old.Book", "name", "title").state_forwards("other", state).model == "old.Book"
    assert "title" in state.get("old.Book").fields


def test_bound_operation_names_its_migrator_in_the_state_problems():
    class Named:
        def __str__(self):
            return "migrator old 2.0 (old.migrators.v2_0)"

    state = dumped(old__Book={"id": "id"})
    BoundOperation(RemoveField("Book", "pages"), "old", Named()).state_forwards(state)
    BoundOperation(RemoveModel("Gone"), "old").state_forwards(state)
    assert state.problems == [
        "migrator old 2.0 (old.migrators.v2_0): Remove field Book.pages: old.Book has no field 'pages' at this point",
        "?: Remove model Gone (its rows are dropped): the dumped rows have no model old.Gone at this point",
    ]


def test_state_forwards_leaves_the_operation_unchanged():
    operation = RenameField("Book", "writer", "author")
    before = operation.deconstruct()
    state = dumped(old__Book={"id": "id", "writer": "writer_id"})
    operation.state_forwards("old", state)
    assert operation.deconstruct() == before == RenameField("Book", "writer", "author").deconstruct()
    assert vars(operation) == {"model_name": "Book", "old_name": "writer", "new_name": "author"}
