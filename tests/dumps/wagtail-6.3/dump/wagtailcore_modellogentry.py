# lino-migrate data file: wagtailcore.ModelLogEntry, part 1 of 1, no rows
# table: wagtailcore_modellogentry
# columns: id (int), content_type_id (contenttype), label (text), action (text), data (json), timestamp (datetime), uuid (uuid), user_id (int), revision_id (int), content_changed (bool), deleted (bool), object_id (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
