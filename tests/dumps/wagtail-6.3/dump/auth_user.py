# lino-migrate data file: auth.User, part 1 of 1, rows 1 to 4
# table: auth_user
# columns: id (int), password (text), last_login (datetime), is_superuser (bool), username (text), first_name (text), last_name (text), email (text), is_staff (bool), is_active (bool), date_joined (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "pbkdf2_sha256$870000$1akivc7RU0Qh7Z8krsvWdN$U8S4H7JjIzBNLUPwnfGQoD5CksNmaWiAdLsqkvixIUA=", null, true, "editor", "Eddie", "Éditeur", "editor@example.com", true, true, "2026-12-01T16:41:53.070346+00:00"],
[2, "pbkdf2_sha256$870000$zgQnjed9HPRUuBmgSzwMBC$EoWbrsa0EPbsx0Gg0pstnzdtuZGedjxb911GyQPd6us=", null, false, "moderator", "", "", "moderator@example.com", true, true, "2026-12-01T16:41:53.258920+00:00"],
[3, "pbkdf2_sha256$870000$fUKB7Jvd65pqX6m4T0tJIT$kY6pSSeclZTIXrvefk02Xb0HZJDbCvmClm4RKJYz4VA=", null, false, "writer", "Wren", "", "writer@example.com", false, true, "2026-12-01T16:41:53.455373+00:00"],
[4, "pbkdf2_sha256$870000$cmrgRYeC6gpVi1kA4vboJU$WtetWVJdw2b5YIVjKwELig7OfArQZAPlTW+wmR5EsDM=", null, false, "reviewer", "", "", "reviewer@example.com", false, false, "2026-12-01T16:41:53.613901+00:00"],
]
