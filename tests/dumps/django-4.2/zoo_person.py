# lino-migrate data file: zoo.Person, part 1 of 1, rows 1 to 6
# table: zoo_person
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "nobody"],
[2, " "],
[3, "plain"],
[4, "trailing spaces   "],
[5, "quote ' double \" triple ''' \"\"\" end'"],
[6, "back\\slash \\n \\x00 \\u2028 \\"],
]
