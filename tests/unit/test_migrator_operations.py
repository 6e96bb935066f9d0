"""Operations are immutable values: deconstruct() round trips, equality, and how makemigrator writes them."""

from __future__ import annotations

import dataclasses
import decimal

import pytest
from django.utils.module_loading import import_string

from lino_migrate import migrators
from lino_migrate.migratorwriter import serialize, serialize_operation


def slugify_title(row):
    return row["title"].lower()


def reshape(row):
    return row


OPERATIONS = [
    migrators.RenameModel("Writer", "Author"),
    migrators.RemoveModel("other.Tag"),
    migrators.RenameField("Book", "writer", "author"),
    migrators.RemoveField("Book", "pages"),
    migrators.AddField("Book", "code", default=...),
    migrators.AddField("Book", "slug", default=slugify_title),
    migrators.AddField("Book", "price", default=decimal.Decimal("1.50")),
    migrators.RunPython("Book", reshape),
    migrators.RunPython("Book", reshape, description="reshape the books"),
]


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_deconstruct_round_trip(operation):
    path, args, kwargs = operation.deconstruct()
    assert path == f"lino_migrate.migrators.{type(operation).__name__}"
    rebuilt = import_string(path)(*args, **kwargs)
    assert rebuilt == operation and rebuilt is not operation
    assert hash(rebuilt) == hash(operation)
    assert rebuilt.describe() == operation.describe()


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_operations_are_immutable(operation):
    name = dataclasses.fields(operation)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(operation, name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        operation.migrator = object()  # what Migrator.__init__ used to set on it


def test_equality_is_that_of_deconstruct():
    assert migrators.RenameField("Book", "a", "b") != migrators.RenameField("Book", "a", "c")
    assert migrators.RemoveField("Book", "a") != migrators.RemoveModel("Book")
    assert migrators.RunPython("Book", reshape) != migrators.RunPython("Book", reshape, "described")
    assert migrators.AddField("Book", "a", default=1) != "AddField"
    assert len({migrators.RemoveField("Book", "a"), migrators.RemoveField("Book", "a")}) == 1


def test_describe_and_repr():
    assert [op.describe() for op in OPERATIONS] == [
        "Rename model Writer to Author",
        "Remove model other.Tag (its rows are dropped)",
        "Rename field Book.writer to author",
        "Remove field Book.pages",
        "Add field Book.code = ...",
        "Add field Book.slug = slugify_title",
        "Add field Book.price = Decimal('1.50')",
        "Run reshape on each Book row",
        "Run reshape the books on each Book row",
    ]
    assert repr(OPERATIONS[0]) == "<RenameModel: Rename model Writer to Author>"


def test_serialize_operation_writes_what_makemigrator_drafts():
    assert [serialize_operation(op)[0] for op in OPERATIONS[:5]] == [
        "migrators.RenameModel('Writer', 'Author')",
        "migrators.RemoveModel('other.Tag')",
        "migrators.RenameField('Book', 'writer', 'author')",
        "migrators.RemoveField('Book', 'pages')",
        "migrators.AddField('Book', 'code', default=...)",
    ]
    assert all(serialize_operation(op)[1] == {"from lino_migrate import migrators"} for op in OPERATIONS[:5])
    text, imports = serialize_operation(OPERATIONS[5])
    assert text == f"migrators.AddField('Book', 'slug', default={__name__}.slugify_title)"
    assert imports == {"from lino_migrate import migrators", f"import {__name__}"}
    assert serialize_operation(OPERATIONS[8])[0] == (
        f"migrators.RunPython('Book', {__name__}.reshape, description='reshape the books')"
    )


def test_serialized_source_evaluates_to_an_equal_operation():
    for operation in OPERATIONS:
        text, imports = serialize_operation(operation)
        namespace: dict = {}
        exec("\n".join(sorted(imports)), namespace)
        assert eval(text, namespace) == operation


def test_serialize_values():
    assert serialize([1, 2.5, None, True, "x", b"y", (1,), {"k": ...}]) == (
        "[1, 2.5, None, True, 'x', b'y', (1,), {'k': ...}]", set()
    )
    assert serialize(decimal.Decimal("1.50")) == ("decimal.Decimal('1.50')", {"import decimal"})
    assert serialize(float("inf")) == ("float('inf')", set())
    with pytest.raises(ValueError, match="Cannot write"):
        serialize(lambda row: row)
    with pytest.raises(ValueError, match="Cannot write"):
        serialize(object())


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class Uppercase(migrators.Operation):
    """A custom operation: a frozen dataclass, deconstructed to its own module."""

    model_name: str
    name: str

    def state_forwards(self, app_label, state):
        return migrators.StateChange(migrators.operations.qualify(self.model_name, app_label))

    def apply(self, row, change):
        row[self.name] = row[self.name].upper()
        return row

    def describe(self):
        return f"Uppercase {self.model_name}.{self.name}"

    def deconstruct(self):
        return self._path(), [self.model_name, self.name], {}


def test_a_custom_operation_deconstructs_to_its_module():
    operation = Uppercase("Book", "title")
    assert operation.deconstruct() == (f"{__name__}.Uppercase", ["Book", "title"], {})
    assert serialize_operation(operation) == (f"{__name__}.Uppercase('Book', 'title')", {f"import {__name__}"})
    assert import_string(operation.deconstruct()[0])("Book", "title") == operation
