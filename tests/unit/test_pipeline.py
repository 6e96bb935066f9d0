"""The pipeline: rows through chains of operations, split, fanned out, dropped, and failing clearly."""

from __future__ import annotations

import pytest

from lino_migrate import migrators
from lino_migrate.errors import MigratorFailed
from lino_migrate.migrators import BoundOperation, Row, SchemaState
from lino_migrate.migrators.pipeline import Pipeline


class Library(migrators.Migrator):
    """A migrator of app ``old`` (not installed: names stay as written)."""

    version = "2.0"


def pipeline_of(*operations: migrators.Operation, dumped: dict[str, dict[str, str]]) -> Pipeline:
    """The pipeline of one migrator of app ``old`` with ``operations``, its state moved forwards."""
    migrator = type("M", (Library,), {"operations": list(operations)})("old", "old.migrators.v2_0")
    pipeline = Pipeline(migrator.operations)
    state = SchemaState()
    for label, fields in dumped.items():
        state.add_dumped_model(label, fields)
    pipeline.state_forwards(state)
    assert state.problems == []
    return pipeline


def dumped_row(model: str, **values) -> Row:
    row = Row(model, values)
    row.origin = "old_book.py, line 3"
    return row


def test_a_row_through_renames_removals_and_additions():
    pipeline = pipeline_of(
        migrators.RenameModel("Writer", "Author"),
        migrators.RenameField("Author", "name", "full_name"),
        migrators.RenameField("Book", "writer", "author"),
        migrators.RemoveField("Book", "pages"),
        migrators.AddField("Book", "code", default=lambda row: f"B{row['id']}"),
        migrators.AddField("Book", "shelf", default="A"),
        dumped={"old.Writer": {"id": "id", "name": "name"}, "old.Book": {"id": "id", "writer": "writer_id", "pages": "pages"}},
    )
    [author] = pipeline.run(dumped_row("old.Writer", id=1, name="Ann"))
    assert (author.model, dict(author)) == ("old.Author", {"id": 1, "full_name": "Ann"})
    [book] = pipeline.run(dumped_row("old.Book", id=7, writer_id=1, pages=100))
    assert (book.model, dict(book)) == ("old.Book", {"id": 7, "author_id": 1, "code": "B7", "shelf": "A"})
    assert str(book.via) == "migrator old 2.0 (old.migrators.v2_0): Add field Book.shelf = 'A'"
    assert book.origin == "old_book.py, line 3"
    assert book.describe_source() == f"{book.via}; old.Book pk=7 from old_book.py, line 3"
    [other] = pipeline.run(dumped_row("old.Member", id=2, name="Bob"))
    assert (other.model, dict(other), other.via) == ("old.Member", {"id": 2, "name": "Bob"}, None)
    assert pipeline.touches("OLD.BOOK") and not pipeline.touches("old.Member")


def test_a_row_split_into_several_and_fanned_out_into_another_model():
    def split_tags(row):
        tags = row.pop("tags").split(";")
        return [row] + [Row("old.Tag", {"book_id": row["id"], "text": text}) for text in tags]

    pipeline = pipeline_of(
        migrators.RunPython("Book", split_tags),
        migrators.RenameField("Tag", "text", "label"),  # runs on the rows the function made
        migrators.RenameField("Book", "name", "title"),  # and still on the book after the split
        dumped={"old.Book": {"id": "id", "name": "name", "tags": "tags"}, "old.Tag": {"book": "book_id", "text": "text"}},
    )
    rows = pipeline.run(dumped_row("old.Book", id=1, name="Odyssey", tags="epic;greek"))
    assert [(row.model, dict(row)) for row in rows] == [
        ("old.Book", {"id": 1, "title": "Odyssey"}),
        ("old.Tag", {"book_id": 1, "label": "epic"}),
        ("old.Tag", {"book_id": 1, "label": "greek"}),
    ]
    assert all(row.origin == "old_book.py, line 3" for row in rows)  # made rows inherit where they came from


def test_a_row_made_by_an_operation_skips_the_operations_before_it():
    def book_of_note(row):
        return [row, Row("old.Book", {"name": row["text"]})]

    pipeline = pipeline_of(
        migrators.RenameField("Book", "name", "title"),
        migrators.RunPython("Note", book_of_note),
        dumped={"old.Book": {"id": "id", "name": "name"}, "old.Note": {"id": "id", "text": "text"}},
    )
    assert [dict(row) for row in pipeline.run(dumped_row("old.Book", id=1, name="Odyssey"))] == [{"id": 1, "title": "Odyssey"}]
    note, book = pipeline.run(dumped_row("old.Note", id=1, text="Iliad"))
    assert (book.model, dict(book)) == ("old.Book", {"name": "Iliad"})  # made after the rename: not renamed


def test_rows_dropped_by_a_function_or_a_removed_model():
    pipeline = pipeline_of(
        migrators.RunPython("Book", lambda row: None if row["id"] % 2 else row),
        migrators.RemoveModel("Magazine"),
        dumped={"old.Book": {"id": "id"}, "old.Magazine": {"id": "id"}},
    )
    assert pipeline.run(dumped_row("old.Book", id=1)) == []
    assert [dict(r) for r in pipeline.run(dumped_row("old.Book", id=2))] == [{"id": 2}]
    assert pipeline.run(dumped_row("old.Magazine", id=1)) == []


def test_model_renames_follow_a_chain():
    pipeline = pipeline_of(
        migrators.RenameModel("Writer", "Author"),
        migrators.RenameModel("Author", "other.Person"),
        dumped={"old.Writer": {"id": "id"}},
    )
    assert pipeline.model_renames() == {("old", "writer"): ("other", "person"), ("old", "author"): ("other", "person")}


@pytest.mark.parametrize(
    "result, needle",
    [
        (ValueError("cursed"), "Run fault on each Book row failed on old.Book pk=3 (old_book.py, line 3): ValueError: cursed. Nothing was restored."),
        ({"id": 3}, "Run fault on each Book row returned a dict for old.Book pk=3; return the row, None or rows"),
        ([{"id": 3}], "Run fault on each Book row returned {'id': 3} among its rows for old.Book pk=3"),
        (42, "Run fault on each Book row returned 42 for old.Book pk=3; return the row, None or an iterable of rows."),
    ],
)
def test_a_failing_function_names_the_migrator_the_operation_and_the_row(result, needle):
    def fault(row):
        if isinstance(result, Exception):
            raise result
        return result

    pipeline = pipeline_of(migrators.RunPython("Book", fault), dumped={"old.Book": {"id": "id"}})
    with pytest.raises(MigratorFailed) as info:
        pipeline.run(dumped_row("old.Book", id=3))
    assert str(info.value).startswith("migrator old 2.0 (old.migrators.v2_0): ")
    assert needle in str(info.value)


def test_rows_cannot_run_before_the_state_is_moved_forwards():
    pipeline = Pipeline([BoundOperation(migrators.RemoveField("Book", "pages"), "old")])
    with pytest.raises(RuntimeError, match="the schema state was not moved forwards"):
        pipeline.run(Row("old.Book", {"id": 1, "pages": 3}))


def test_migrators_share_their_operations_and_bind_them_to_their_app():
    shared = migrators.RenameField("Book", "name", "title")

    class First(migrators.Migrator):
        version = "1.1"
        operations = [shared]

    class Second(First):
        version = "2.0"
        operations = First.operations + [migrators.RemoveModel("Tag")]

    first, second = First("old"), Second("new", "new.migrators.v2_0")
    assert first.operations[0].operation is second.operations[0].operation is shared
    assert [(b.app_label, b.model) for b in second.operations] == [("new", "new.Book"), ("new", "new.Tag")]
    assert second.operations[0].migrator is second
    assert str(second.operations[1]) == "migrator new 2.0 (new.migrators.v2_0): Remove model Tag (its rows are dropped)"
    assert First.operations == [shared]  # the class keeps its plain operations
    assert second.describe() == (
        "migrator new 2.0 (new.migrators.v2_0):\n  - Rename field Book.name to title\n  - Remove model Tag (its rows are dropped)"
    )
