# lino-migrate data file: wagtaildocs.Document, part 1 of 1, rows 1 to 2
# table: wagtaildocs_document
# columns: id (int), collection_id (int), title (text), file (text), created_at (datetime), uploaded_by_user_id (int), file_size (int), file_hash (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 4, "Leaflet", "documents/leaflet.txt", "2026-12-01T16:46:45.136755+00:00", 1, null, ""],
[2, 4, "Minutes 2024 ✓", "documents/minutes.txt", "2026-12-01T16:46:45.228750+00:00", null, null, ""],
]
