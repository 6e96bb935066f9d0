# lino-migrate data file: zoo.Role_permissions, part 1 of 1, rows 1 to 4
# table: zoo_role_permissions
# columns: id (int), role_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, ["view_contenttype", "contenttypes", "contenttype"]],
[2, 2, ["add_book", "zoo", "book"]],
[3, 2, ["delete_user", "auth", "user"]],
[4, 3, ["view_taggeditem", "zoo", "taggeditem"]],
]
