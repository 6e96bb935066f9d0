# lino-migrate data file: zoo.AutoPk, part 1 of 1, rows 1 to 3
# table: zoo_autopk
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[7, "seven"],
[1000000, "million"],
[1000001, "next after million"],
]
