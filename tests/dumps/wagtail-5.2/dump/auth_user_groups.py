# lino-migrate data file: auth.User_groups, part 1 of 1, rows 1 to 3
# table: auth_user_groups
# columns: id (int), user_id (int), group_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, 1],
[2, 3, 2],
[3, 4, 3],
]
