# lino-migrate data file: reversion.Version, part 1 of 1, rows 1 to 4
# table: reversion_version
# columns: id (int), revision_id (int), object_id (text), content_type_id (contenttype), db (text), format (text), serialized_data (text), object_repr (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, "1", ["wagtailsite", "note"], "default", "json", "[{\"model\": \"wagtailsite.note\", \"pk\": 1, \"fields\": {\"title\": \"Note 0\", \"text\": \"first\", \"amount\": \"1.50\"}}]", "Note 0"],
[2, 2, "1", ["wagtailsite", "note"], "default", "json", "[{\"model\": \"wagtailsite.note\", \"pk\": 1, \"fields\": {\"title\": \"Note 0\", \"text\": \"second «version»\", \"amount\": \"-3.25\"}}]", "Note 0"],
[3, 3, "2", ["wagtailsite", "note"], "default", "json", "[{\"model\": \"wagtailsite.note\", \"pk\": 2, \"fields\": {\"title\": \"Note 1\", \"text\": \"first\", \"amount\": \"1.50\"}}]", "Note 1"],
[4, 4, "2", ["wagtailsite", "note"], "default", "json", "[{\"model\": \"wagtailsite.note\", \"pk\": 2, \"fields\": {\"title\": \"Note 1\", \"text\": \"second «version»\", \"amount\": \"-3.25\"}}]", "Note 1"],
]
