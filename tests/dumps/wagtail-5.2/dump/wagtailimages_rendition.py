# lino-migrate data file: wagtailimages.Rendition, part 1 of 1, rows 1 to 4
# table: wagtailimages_rendition
# columns: id (int), filter_spec (text), file (raw:text), width (int), height (int), focal_point_key (text), image_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "width-40", "images/red.width-40.png", 40, 40, "", 1],
[2, "original", "images/red.original.png", 60, 60, "", 1],
[3, "original", "images/blue.original.png", 40, 24, "", 2],
[4, "width-500", "images/grey.width-500.png", 16, 16, "", 3],
]
