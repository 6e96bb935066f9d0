# lino-migrate data file: zoo.Book, part 1 of 1, rows 1 to 5
# table: zoo_book
# columns: id (int), title (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "plain"],
[2, "trailing spaces   "],
[3, "quote ' double \" triple ''' \"\"\" end'"],
[4, "back\\slash \\n \\x00 \\u2028 \\"],
[5, "new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF"],
]
