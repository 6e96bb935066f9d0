# lino-migrate data file: admin.LogEntry, part 1 of 1, no rows
# table: django_admin_log
# columns: id (int), action_time (datetime), user_id (int), content_type_id (contenttype), object_id (text), object_repr (text), action_flag (int), change_message (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
