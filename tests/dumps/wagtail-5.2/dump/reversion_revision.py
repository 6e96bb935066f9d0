# lino-migrate data file: reversion.Revision, part 1 of 1, rows 1 to 4
# table: reversion_revision
# columns: id (int), date_created (datetime), user_id (int), comment (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "2026-12-01T16:47:10.160062+00:00", 1, "created note 0"],
[2, "2026-12-01T16:47:10.175891+00:00", null, "edited"],
[3, "2026-12-01T16:47:10.181189+00:00", 1, "created note 1"],
[4, "2026-12-01T16:47:10.204270+00:00", null, "edited"],
]
