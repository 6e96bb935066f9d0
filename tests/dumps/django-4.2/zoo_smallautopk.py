# lino-migrate data file: zoo.SmallAutoPk, part 1 of 1, rows 1 to 2
# table: zoo_smallautopk
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[2, "two"],
[30000, "30000"],
]
