# lino-migrate data file: reversion.Revision, part 1 of 1, rows 1 to 4
# table: reversion_revision
# columns: id (int), date_created (datetime), user_id (int), comment (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "2026-12-01T16:46:47.796060+00:00", 1, "created note 0"],
[2, "2026-12-01T16:46:47.819986+00:00", null, "edited"],
[3, "2026-12-01T16:46:47.839950+00:00", 1, "created note 1"],
[4, "2026-12-01T16:46:47.859976+00:00", null, "edited"],
]
