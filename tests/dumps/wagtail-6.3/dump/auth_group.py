# lino-migrate data file: auth.Group, part 1 of 1, rows 1 to 3
# table: auth_group
# columns: id (int), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Moderators"],
[2, "Editors"],
[3, "Reviewers"],
]
