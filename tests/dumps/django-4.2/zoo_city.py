# lino-migrate data file: zoo.City, part 1 of 1, rows 1 to 6
# table: zoo_city
# columns: id (int), country_id (text), name (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "BE", "back\\slash \\n \\x00 \\u2028 \\ city"],
[2, "x'y\"z", "new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF city"],
[3, "ÜÑ🦎", "emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪 city"],
[4, "BE", "line sep \u2028 para sep \u2029 nel \u0085 city"],
[5, "x'y\"z", "ünïcødé ß Ωμέγα 東京 עברית العربية city"],
[6, "ÜÑ🦎", "%s %(x)s {0} {x} $x ${x} city"],
]
