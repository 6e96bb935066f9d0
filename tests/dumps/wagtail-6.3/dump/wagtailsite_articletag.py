# lino-migrate data file: wagtailsite.ArticleTag, part 1 of 1, rows 1 to 8
# table: wagtailsite_articletag
# columns: id (int), tag_id (int), content_object_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 4, 5],
[2, 5, 5],
[3, 6, 6],
[4, 7, 6],
[7, 6, 7],
[8, 8, 7],
[15, 6, 8],
[16, 9, 8],
]
