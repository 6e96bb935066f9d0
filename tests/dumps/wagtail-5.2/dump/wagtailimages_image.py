# lino-migrate data file: wagtailimages.Image, part 1 of 1, rows 1 to 3
# table: wagtailimages_image
# columns: id (int), collection_id (int), title (text), file (raw:text), width (int), height (int), created_at (datetime), uploaded_by_user_id (int), focal_point_x (int), focal_point_y (int), focal_point_width (int), focal_point_height (int), file_size (int), file_hash (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 2, "Red square", "original_images/red.png", 60, 60, "2026-12-01T16:47:07.057197+00:00", 1, 10, 12, 20, 20, null, ""],
[2, 2, "Blue «bleu»", "original_images/blue.png", 40, 24, "2026-12-01T16:47:07.205298+00:00", null, null, null, null, null, null, ""],
[3, 3, "Grey archive", "original_images/grey.png", 16, 16, "2026-12-01T16:47:07.252251+00:00", null, null, null, null, null, null, ""],
]
