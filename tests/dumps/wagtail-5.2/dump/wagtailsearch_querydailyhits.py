# lino-migrate data file: wagtailsearch.QueryDailyHits, part 1 of 1, no rows
# table: wagtailsearch_querydailyhits
# columns: id (int), query_id (int), date (date), hits (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
