# lino-migrate data file: wagtaildocs.UploadedDocument, part 1 of 1, no rows
# table: wagtaildocs_uploadeddocument
# columns: id (int), file (text), uploaded_by_user_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
