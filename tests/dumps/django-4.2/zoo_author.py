# lino-migrate data file: zoo.Author, part 1 of 1, rows 1 to 3
# table: zoo_author
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Ada"],
[2, "Борис"],
[3, "O'Brien"],
]
