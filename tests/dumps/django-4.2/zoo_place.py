# lino-migrate data file: zoo.Place, part 1 of 1, rows 1 to 5
# table: zoo_place
# columns: id (int), name (text), address (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Da Mario", "Via Roma 1\nRoma"],
[2, "Just a place", "Nowhere"],
[3, "Hot dog stand", "Corner"],
[4, "Proxy place", "Proxy street"],
[5, "Luigi's", "'quoted'"],
]
