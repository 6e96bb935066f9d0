# lino-migrate data file: library.Tag, part 1 of 1, rows 1 to 8
# table: library_tag
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "novel"],
[2, "poetry"],
[3, "classic"],
[4, "children"],
[5, "translated"],
[6, "épopée"],
[7, "短編"],
[8, "history"],
]
