# lino-migrate data file: wagtailcore.GroupPagePermission, part 1 of 1, rows 1 to 8
# table: wagtailcore_grouppagepermission
# columns: id (int), group_id (int), page_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, 1, ["add_page", "wagtailcore", "page"]],
[2, 1, 1, ["change_page", "wagtailcore", "page"]],
[3, 1, 1, ["publish_page", "wagtailcore", "page"]],
[4, 2, 1, ["add_page", "wagtailcore", "page"]],
[5, 2, 1, ["change_page", "wagtailcore", "page"]],
[6, 1, 1, ["lock_page", "wagtailcore", "page"]],
[7, 1, 1, ["unlock_page", "wagtailcore", "page"]],
[8, 3, 5, ["change_page", "wagtailcore", "page"]],
]
