# lino-migrate data file: zoo.Passport, part 1 of 1, rows 1 to 3
# table: zoo_passport
# columns: person_id (int), number (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "P000001"],
[3, "P000003"],
[5, "P000005"],
]
