# lino-migrate data file: wagtailcore.WorkflowPage, part 1 of 1, rows 1 to 1
# table: wagtailcore_workflowpage
# columns: page_id (int), workflow_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1],
]
