# lino-migrate data file: wagtailcore.Comment, part 1 of 1, no rows
# table: wagtailcore_comment
# columns: id (int), page_id (int), user_id (int), text (text), contentpath (text), position (text), created_at (datetime), updated_at (datetime), revision_created_id (int), resolved_at (datetime), resolved_by_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
