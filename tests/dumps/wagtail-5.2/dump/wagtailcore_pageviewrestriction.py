# lino-migrate data file: wagtailcore.PageViewRestriction, part 1 of 1, no rows
# table: wagtailcore_pageviewrestriction
# columns: id (int), restriction_type (text), password (text), page_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
