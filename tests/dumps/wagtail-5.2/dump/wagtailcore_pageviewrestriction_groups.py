# lino-migrate data file: wagtailcore.PageViewRestriction_groups, part 1 of 1, no rows
# table: wagtailcore_pageviewrestriction_groups
# columns: id (int), pageviewrestriction_id (int), group_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
