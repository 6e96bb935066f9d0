# lino-migrate data file: wagtailcore.GroupCollectionPermission, part 1 of 1, rows 1 to 14
# table: wagtailcore_groupcollectionpermission
# columns: id (int), group_id (int), collection_id (int), permission_id (permission)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, 1, ["add_document", "wagtaildocs", "document"]],
[2, 1, 1, ["add_document", "wagtaildocs", "document"]],
[3, 2, 1, ["change_document", "wagtaildocs", "document"]],
[4, 1, 1, ["change_document", "wagtaildocs", "document"]],
[5, 2, 1, ["choose_document", "wagtaildocs", "document"]],
[6, 1, 1, ["choose_document", "wagtaildocs", "document"]],
[7, 2, 1, ["add_image", "wagtailimages", "image"]],
[8, 1, 1, ["add_image", "wagtailimages", "image"]],
[9, 2, 1, ["change_image", "wagtailimages", "image"]],
[10, 1, 1, ["change_image", "wagtailimages", "image"]],
[11, 2, 1, ["choose_image", "wagtailimages", "image"]],
[12, 1, 1, ["choose_image", "wagtailimages", "image"]],
[13, 3, 2, ["choose_image", "wagtailimages", "image"]],
[14, 3, 4, ["change_document", "wagtaildocs", "document"]],
]
