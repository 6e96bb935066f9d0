# lino-migrate data file: zoo.Profile, part 1 of 1, rows 1 to 3
# table: zoo_profile
# columns: id (int), person_id (int), bio (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, "bio of  "],
[2, 3, "bio of plain"],
[3, 4, "bio of trailing spaces   "],
]
