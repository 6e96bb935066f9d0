# lino-migrate data file: auth.Group_permissions, part 1 of 1, rows 1 to 19
# table: auth_group_permissions
# columns: id (int), group_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, ["access_admin", "wagtailadmin", "admin"]],
[2, 1, ["access_admin", "wagtailadmin", "admin"]],
[3, 2, ["add_document", "wagtaildocs", "document"]],
[4, 2, ["change_document", "wagtaildocs", "document"]],
[5, 2, ["delete_document", "wagtaildocs", "document"]],
[6, 1, ["add_document", "wagtaildocs", "document"]],
[7, 1, ["change_document", "wagtaildocs", "document"]],
[8, 1, ["delete_document", "wagtaildocs", "document"]],
[9, 2, ["choose_document", "wagtaildocs", "document"]],
[10, 1, ["choose_document", "wagtaildocs", "document"]],
[11, 2, ["delete_image", "wagtailimages", "image"]],
[12, 2, ["add_image", "wagtailimages", "image"]],
[13, 2, ["change_image", "wagtailimages", "image"]],
[14, 1, ["delete_image", "wagtailimages", "image"]],
[15, 1, ["add_image", "wagtailimages", "image"]],
[16, 1, ["change_image", "wagtailimages", "image"]],
[17, 2, ["choose_image", "wagtailimages", "image"]],
[18, 1, ["choose_image", "wagtailimages", "image"]],
[19, 3, ["access_admin", "wagtailadmin", "admin"]],
]
