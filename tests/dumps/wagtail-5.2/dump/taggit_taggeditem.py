# lino-migrate data file: taggit.TaggedItem, part 1 of 1, rows 1 to 3
# table: taggit_taggeditem
# columns: id (int), tag_id (int), content_type_id (contenttype), object_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, ["wagtailimages", "image"], 1],
[2, 2, ["wagtailimages", "image"], 1],
[3, 3, ["wagtaildocs", "document"], 1],
]
