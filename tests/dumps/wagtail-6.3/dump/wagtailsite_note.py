# lino-migrate data file: wagtailsite.Note, part 1 of 1, rows 1 to 2
# table: wagtailsite_note
# columns: id (int), title (text), text (text), amount (decimal)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Note 0", "second «version»", "-3.25"],
[2, "Note 1", "second «version»", "-3.25"],
]
