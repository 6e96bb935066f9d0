# lino-migrate data file: auth.User_user_permissions, part 1 of 1, rows 1 to 4
# table: auth_user_user_permissions
# columns: id (int), user_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, ["view_session", "sessions", "session"]],
[2, 2, ["add_tag", "zoo", "tag"]],
[3, 2, ["delete_book", "zoo", "book"]],
[4, 3, ["change_taggeditem", "zoo", "taggeditem"]],
]
