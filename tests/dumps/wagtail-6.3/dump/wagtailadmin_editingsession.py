# lino-migrate data file: wagtailadmin.EditingSession, part 1 of 1, no rows
# table: wagtailadmin_editingsession
# columns: id (int), user_id (int), content_type_id (contenttype), object_id (text), last_seen_at (datetime), is_editing (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
