# lino-migrate data file: zoo.Book_tags, part 1 of 1, rows 1 to 6
# table: zoo_book_tags
# columns: id (int), book_id (int), tag_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, 1],
[2, 1, 2],
[3, 1, 3],
[4, 3, 3],
[5, 4, 1],
[6, 4, 2],
]
