# lino-migrate data file: wagtailcore.Collection, part 1 of 1, rows 1 to 4
# table: wagtailcore_collection
# columns: id (int), path (text), depth (int), numchild (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "0001", 1, 2, "Root"],
[2, "00010002", 2, 1, "Photos"],
[3, "000100020001", 3, 0, "Archive «old»"],
[4, "00010001", 2, 0, "Files"],
]
