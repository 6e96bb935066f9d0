# lino-migrate data file: zoo.Authorship, part 1 of 1, rows 1 to 13
# table: zoo_authorship
# columns: id (int), book_id (int), author_id (int), role (text), position (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, 1, "writer", 1],
[2, 1, 2, "editor", 2],
[3, 1, 3, "translator", 3],
[4, 2, 1, "writer", 4],
[5, 2, 2, "editor", 5],
[6, 2, 3, "translator", 6],
[7, 3, 1, "writer", 7],
[8, 3, 2, "editor", 8],
[9, 3, 3, "translator", 9],
[10, 4, 1, "writer", 10],
[11, 4, 2, "editor", 11],
[12, 4, 3, "translator", 12],
[13, 1, 1, "writer again", 999],
]
