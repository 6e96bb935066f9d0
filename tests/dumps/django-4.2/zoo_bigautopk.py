# lino-migrate data file: zoo.BigAutoPk, part 1 of 1, rows 1 to 2
# table: zoo_bigautopk
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "one"],
[1099511627776, "2**40"],
]
