# lino-migrate data file: zoo.Tag, part 1 of 1, rows 1 to 4
# table: zoo_tag
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "red"],
[2, "grün"],
[3, "🦎"],
[4, "unused"],
]
