# lino-migrate data file: zoo.Flags, part 1 of 1, rows 1 to 6
# table: zoo_flags
# columns: id (int), boolean (bool), nullable_boolean (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, true, true],
[2, true, false],
[3, true, null],
[4, false, true],
[5, false, false],
[6, false, null],
]
