# lino-migrate data file: auth.User, part 1 of 1, rows 1 to 4
# table: auth_user
# columns: id (int), password (text), last_login (datetime), is_superuser (bool), username (text), first_name (text), last_name (text), email (text), is_staff (bool), is_active (bool), date_joined (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "pbkdf2_sha256$870000$yPz1EffbRb3lfMXEnY2jkW$LjIvwUWlGMrBVjP+RXmZkb192YwQeisWaCXu8P/xuc0=", null, true, "editor", "Eddie", "Éditeur", "editor@example.com", true, true, "2026-12-01T16:46:43.520712+00:00"],
[2, "pbkdf2_sha256$870000$1OdMvvruinRGFmcd1yiQSF$2wGT3A72BhUyydWtSzIHLhQJ6anoz8pY9T/Xy6kbmqA=", null, false, "moderator", "", "", "moderator@example.com", true, true, "2026-12-01T16:46:43.776003+00:00"],
[3, "pbkdf2_sha256$870000$yNgtpXM0EKFatnW6RPfHuw$dRUETYxSOz5f84rC0ifCmOVELLnKTphmvrIQUrFFT7I=", null, false, "writer", "Wren", "", "writer@example.com", false, true, "2026-12-01T16:46:44.040070+00:00"],
[4, "pbkdf2_sha256$870000$bjwFbBOY6XDkIL7P8y0f7N$xbNht9DPC/AfJ0UpcCJx/Mc7tdNLMJFRbtfviDwAqLo=", null, false, "reviewer", "", "", "reviewer@example.com", false, false, "2026-12-01T16:46:44.280143+00:00"],
]
