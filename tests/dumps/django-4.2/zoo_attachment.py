# lino-migrate data file: zoo.Attachment, part 1 of 1, rows 1 to 2
# table: zoo_attachment
# columns: id (int), upload (text), optional_upload (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "uploads/ä file's \"name\".txt", ""],
[2, "uploads/sub/dir/🦎.bin", "uploads/x.pdf"],
]
