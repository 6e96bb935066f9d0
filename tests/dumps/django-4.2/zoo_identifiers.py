# lino-migrate data file: zoo.Identifiers, part 1 of 1, rows 1 to 2
# table: zoo_identifiers
# columns: id (int), uuid (uuid), nullable_uuid (uuid)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "00000000-0000-0000-0000-000000000000", null],
[2, "ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-4000-8000-000000000001"],
]
