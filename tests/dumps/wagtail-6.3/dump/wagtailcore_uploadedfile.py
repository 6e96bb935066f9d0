# lino-migrate data file: wagtailcore.UploadedFile, part 1 of 1, no rows
# table: wagtailcore_uploadedfile
# columns: id (int), for_content_type_id (contenttype), file (text), uploaded_by_user_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
