# lino-migrate data file: zoo.CycleB, part 1 of 1, rows 1 to 3
# table: zoo_cycleb
# columns: id (int), name (text), a_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "b1", 1],
[2, "b2 alone", null],
[3, "b3 -> a2", 2],
]
