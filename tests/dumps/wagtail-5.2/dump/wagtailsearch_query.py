# lino-migrate data file: wagtailsearch.Query, part 1 of 1, no rows
# table: wagtailsearch_query
# columns: id (int), query_string (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
