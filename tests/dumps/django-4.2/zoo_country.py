# lino-migrate data file: zoo.Country, part 1 of 1, rows 1 to 3
# table: zoo_country
# columns: id (int), code (text), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "BE", "Belgium"],
[2, "x'y\"z", "Quotes"],
[3, "ÜÑ🦎", "Unicode"],
]
