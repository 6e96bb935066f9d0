# lino-migrate data file: zoo.Role, part 1 of 1, rows 1 to 3
# table: zoo_role
# columns: id (int), name (text), main_permission_id (permission), scope_id (contenttype)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "no permission", null, null],
[2, "boss", ["delete_book", "zoo", "book"], ["zoo", "book"]],
[3, "clerk", ["view_group", "auth", "group"], ["auth", "user"]],
]
