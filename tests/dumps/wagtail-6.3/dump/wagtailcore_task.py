# lino-migrate data file: wagtailcore.Task, part 1 of 1, rows 1 to 1
# table: wagtailcore_task
# columns: id (int), name (text), content_type_id (contenttype), active (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Moderators approval", ["wagtailcore", "groupapprovaltask"], true],
]
