# lino-migrate data file: wagtailredirects.Redirect, part 1 of 1, rows 1 to 2
# table: wagtailredirects_redirect
# columns: id (int), old_path (text), site_id (int), is_permanent (bool), redirect_page_id (int), redirect_page_route_path (text), redirect_link (text), automatically_created (bool), created_at (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "/old-news", null, true, 5, "", "", false, "2026-12-01T16:47:10.116294+00:00"],
[2, "/leaflet", null, false, null, "", "/documents/leaflet", false, "2026-12-01T16:47:10.129397+00:00"],
]
