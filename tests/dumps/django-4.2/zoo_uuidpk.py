# lino-migrate data file: zoo.UuidPk, part 1 of 1, rows 1 to 3
# table: zoo_uuidpk
# columns: id (uuid), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
["00000000-0000-0000-0000-000000000000", "nil"],
["12345678-1234-5678-1234-567812345678", "fixed"],
["ffffffff-ffff-ffff-ffff-ffffffffffff", "max"],
]
