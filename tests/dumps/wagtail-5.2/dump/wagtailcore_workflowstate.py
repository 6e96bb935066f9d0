# lino-migrate data file: wagtailcore.WorkflowState, part 1 of 1, rows 1 to 1
# table: wagtailcore_workflowstate
# columns: id (int), content_type_id (contenttype), base_content_type_id (contenttype), object_id (text), workflow_id (int), status (text), created_at (datetime), requested_by_id (int), current_task_state_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "4", 1, "in_progress", "2026-12-01T16:47:08.403115+00:00", 3, 1],
]
