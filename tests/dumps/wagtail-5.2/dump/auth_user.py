# lino-migrate data file: auth.User, part 1 of 1, rows 1 to 4
# table: auth_user
# columns: id (int), password (text), last_login (datetime), is_superuser (bool), username (text), first_name (text), last_name (text), email (text), is_staff (bool), is_active (bool), date_joined (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "pbkdf2_sha256$720000$TvQQ8GfTPZ4YJDLLRMZJKX$Xux0ssXoKWlmWYahpSCpzyVBGpEZnUXj1vM8a7xxm8Q=", null, true, "editor", "Eddie", "Éditeur", "editor@example.com", true, true, "2026-12-01T16:47:05.905355+00:00"],
[2, "pbkdf2_sha256$720000$tFBF4rMfNN2dASthDEV5o7$X6zboZ/xAnGhoqRJv9YWmnyCkG2KJuDooYCe0h6xtvU=", null, false, "moderator", "", "", "moderator@example.com", true, true, "2026-12-01T16:47:06.112016+00:00"],
[3, "pbkdf2_sha256$720000$8parKkhVYtRPymGcU3BWqP$oKlwPOHbQD0ndNAnAqzkrRoP4oTcyOO7I8jFMBwAqvY=", null, false, "writer", "Wren", "", "writer@example.com", false, true, "2026-12-01T16:47:06.340153+00:00"],
[4, "pbkdf2_sha256$720000$EyOzwsFU6hwXvL8WhXdgAd$gVov5ctP6fX8KdnFu2tOJJBA8kzQr80beaoQZDFyO64=", null, false, "reviewer", "", "", "reviewer@example.com", false, false, "2026-12-01T16:47:06.555954+00:00"],
]
