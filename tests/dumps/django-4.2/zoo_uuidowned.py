# lino-migrate data file: zoo.UuidOwned, part 1 of 1, rows 1 to 6
# table: zoo_uuidowned
# columns: id (int), owner_id (uuid), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "00000000-0000-0000-0000-000000000000", "owned 0"],
[2, "ffffffff-ffff-ffff-ffff-ffffffffffff", "owned 1"],
[3, "12345678-1234-5678-1234-567812345678", "owned 2"],
[4, "00000000-0000-0000-0000-000000000000", "owned 3"],
[5, "ffffffff-ffff-ffff-ffff-ffffffffffff", "owned 4"],
[6, "12345678-1234-5678-1234-567812345678", "owned 5"],
]
