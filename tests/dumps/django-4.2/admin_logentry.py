# lino-migrate data file: admin.LogEntry, part 1 of 1, rows 1 to 5
# table: django_admin_log
# columns: id (int), action_time (datetime), user_id (int), content_type_id (contenttype), object_id (text), object_repr (text), action_flag (int), change_message (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "2024-03-31T01:00:00.000001+00:00", 1, ["zoo", "book"], "1", "Book object (1) back\\slash \\n \\x00 \\u2028 \\", 1, ""],
[2, "2024-03-31T00:59:59.999999+00:00", 2, ["zoo", "person"], "2", "Person object (2) new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF", 2, "[{\"changed\": {\"fields\": [\"Title\"]}}]"],
[3, "2000-01-01T00:00:00.999999+00:00", 1, ["zoo", "placeproxy"], "1", "ItalianRestaurant object (1) emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪", 3, ""],
[4, "1970-01-01T00:00:00.000000+00:00", 2, ["auth", "user"], "2", "o.brien line sep \u2028 para sep \u2029 nel \u0085", 2, "[{\"changed\": {\"fields\": [\"Title\"]}}]"],
[5, "2024-03-31T00:59:59.999999+00:00", 1, null, null, "no content type", 2, "free text 🦎"],
]
