# lino-migrate data file: wagtailcore.Site, part 1 of 1, rows 1 to 1
# table: wagtailcore_site
# columns: id (int), hostname (text), port (int), site_name (text), root_page_id (int), is_default_site (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "localhost", 80, "Old site", 3, true],
]
