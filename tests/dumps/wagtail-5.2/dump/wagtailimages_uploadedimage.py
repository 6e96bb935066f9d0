# lino-migrate data file: wagtailimages.UploadedImage, part 1 of 1, no rows
# table: wagtailimages_uploadedimage
# columns: id (int), file (text), uploaded_by_user_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
