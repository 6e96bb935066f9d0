# lino-migrate data file: taggit.Tag, part 1 of 1, rows 1 to 9
# table: taggit_tag
# columns: id (int), name (text), slug (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "colour", "colour"],
[2, "warm", "warm"],
[3, "print", "print"],
[4, "news", "news"],
[5, "Élan", "élan"],
[6, "story", "story"],
[7, "s0", "s0"],
[8, "s1", "s1"],
[9, "s2", "s2"],
]
