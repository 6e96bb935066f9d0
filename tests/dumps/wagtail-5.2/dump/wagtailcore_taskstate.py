# lino-migrate data file: wagtailcore.TaskState, part 1 of 1, rows 1 to 1
# table: wagtailcore_taskstate
# columns: id (int), workflow_state_id (int), revision_id (int), task_id (int), status (text), started_at (datetime), finished_at (datetime), finished_by_id (int), comment (text), content_type_id (contenttype)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, 4, 1, "in_progress", "2026-12-01T16:47:08.407003+00:00", null, null, "", ["wagtailcore", "taskstate"]],
]
