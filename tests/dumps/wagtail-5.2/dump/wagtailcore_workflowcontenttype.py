# lino-migrate data file: wagtailcore.WorkflowContentType, part 1 of 1, no rows
# table: wagtailcore_workflowcontenttype
# columns: content_type_id (contenttype), workflow_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
