# lino-migrate data file: auth.Group_permissions, part 1 of 1, rows 1 to 6
# table: auth_group_permissions
# columns: id (int), group_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, ["view_person", "zoo", "person"]],
[2, 1, ["add_book", "zoo", "book"]],
[3, 1, ["change_book", "zoo", "book"]],
[4, 1, ["change_user", "auth", "user"]],
[5, 2, ["view_book", "zoo", "book"]],
[6, 2, ["view_logentry", "admin", "logentry"]],
]
