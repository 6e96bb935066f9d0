# lino-migrate data file: zoo.Custom, part 1 of 1, rows 1 to 7
# table: zoo_custom
# columns: id (int), words (field-string), nullable_words (field-string)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "[\"\", \" \", \"plain\"]", "[]"],
[2, "[\"trailing spaces   \", \"quote ' double \\\" triple ''' \\\"\\\"\\\" end'\", \"back\\\\slash \\\\n \\\\x00 \\\\u2028 \\\\\"]", null],
[3, "[\"new\\nline\\r\\nCRLF\\rCR\\ttab\\u000bVT\\fFF\", \"emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪\", \"line sep \u2028 para sep \u2029 nel \u0085\"]", "[]"],
[4, "[\"ünïcødé ß Ωμέγα 東京 עברית العربية\", \"%s %(x)s {0} {x} $x ${x}\", \"'''); import os; os.system('echo pwned') #\"]", null],
[5, "[\"\\\"\\\"\\\"\\nprint(\\\"pwned\\\")\\n\\\"\\\"\\\"\", \"controls \\u0001\\u0002\\u001b\\u001f\", \"﻿BOM and � replacement, noncharacter ￿\"]", "[]"],
[6, "[\"combining é vs é\", \"astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 􏿽\", \"nul \\u0000 inside\"]", null],
[7, "[\"\\u0000\", \"ends with nul\\u0000\"]", "[]"],
]
