# lino-migrate data file: wagtailusers.UserProfile, part 1 of 1, rows 1 to 3
# table: wagtailusers_userprofile
# columns: id (int), user_id (int), submitted_notifications (bool), approved_notifications (bool), rejected_notifications (bool), updated_comments_notifications (bool), preferred_language (text), current_time_zone (text), avatar (text), dismissibles (json), theme (text), contrast (text), density (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 1, true, true, true, true, "en", "", "", {}, "system", "system", "default"],
[2, 3, true, true, true, true, "fr", "", "", {}, "system", "system", "default"],
[3, 2, true, true, true, true, "", "", "", {}, "system", "system", "default"],
]
