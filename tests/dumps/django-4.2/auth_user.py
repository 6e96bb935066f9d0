# lino-migrate data file: auth.User, part 1 of 1, rows 1 to 3
# table: auth_user
# columns: id (int), password (text), last_login (datetime), is_superuser (bool), username (text), first_name (text), last_name (text), email (text), is_staff (bool), is_active (bool), date_joined (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "pbkdf2_sha256$600000$fixedsalt$2sLs7yMkXUHSlEWsQ8Hh0U3S1xvWZOGlUfY0JkA9vZE=", "1001-01-01T00:00:00.000001+00:00", true, "ädmin", "Ådä", "quote ' double \" triple ''' \"\"\" end'", "0@example.com", true, true, "2024-03-31T01:00:00.000001+00:00"],
[2, "pbkdf2_sha256$600000$fixedsalt$2sLs7yMkXUHSlEWsQ8Hh0U3S1xvWZOGlUfY0JkA9vZE=", "9999-12-31T22:59:59.999999+00:00", false, "o.brien", "O'\"Brien\"", "back\\slash \\n \\x00 \\u2028 \\", "1@example.com", false, true, "2024-03-31T00:59:59.999999+00:00"],
[3, "pbkdf2_sha256$600000$fixedsalt$2sLs7yMkXUHSlEWsQ8Hh0U3S1xvWZOGlUfY0JkA9vZE=", null, false, "ünï_用户", "lizard 🦎\nnewline", "new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF", "2@example.com", false, false, "2000-01-01T00:00:00.999999+00:00"],
]
