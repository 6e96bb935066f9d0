# lino-migrate data file: zoo.CycleA, part 1 of 1, rows 1 to 3
# table: zoo_cyclea
# columns: id (int), name (text), b_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "a1", 1],
[2, "a2 alone", null],
[3, "a3 -> b3", 3],
]
