# lino-migrate data file: auth.User_user_permissions, part 1 of 1, no rows
# table: auth_user_user_permissions
# columns: id (int), user_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
