# lino-migrate data file: wagtailadmin.Admin, part 1 of 1, no rows
# table: wagtailadmin_admin
# columns: id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
