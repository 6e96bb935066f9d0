# lino-migrate data file: wagtailcore.Workflow, part 1 of 1, rows 1 to 1
# table: wagtailcore_workflow
# columns: id (int), name (text), active (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Moderators approval", true],
]
