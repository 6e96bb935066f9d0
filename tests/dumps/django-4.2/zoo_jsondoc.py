# lino-migrate data file: zoo.JsonDoc, part 1 of 1, rows 1 to 12
# table: zoo_jsondoc
# columns: id (int), document (json), nullable_document (json-or-null)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, {"unicode": "ünï 🦎 \u2028 \u2029 \"q\" 'q' \\", "big": 1180591620717411303424, "neg_big": -1180591620717411303424, "max_int64": 9223372036854775807, "nested": [[[]], {}, null, true, false, 1.5, "x", 0, -1], "": "empty key", "key with \"quotes\" and 🦎": {"a": {"b": {"c": [1, 2, 3]}}}, "float": 0.1, "small": 1e-07}, [{"i": 0, "doc": {"unicode": "ünï 🦎 \u2028 \u2029 \"q\" 'q' \\", "big": 1180591620717411303424, "neg_big": -1180591620717411303424, "max_int64": 9223372036854775807, "nested": [[[]], {}, null, true, false, 1.5, "x", 0, -1], "": "empty key", "key with \"quotes\" and 🦎": {"a": {"b": {"c": [1, 2, 3]}}}, "float": 0.1, "small": 1e-07}}]],
[2, [1, "two", 3.0, null, true, [false]], null],
[3, "just a string", [{"i": 2, "doc": "just a string"}]],
[4, 12345678901234567890123, null],
[5, 0, [{"i": 4, "doc": 0}]],
[6, -0.5, null],
[7, true, [{"i": 6, "doc": true}]],
[8, false, null],
[9, [], [{"i": 8, "doc": []}]],
[10, {}, null],
[11, {"texts": ["", " ", "plain", "trailing spaces   ", "quote ' double \" triple ''' \"\"\" end'", "back\\slash \\n \\x00 \\u2028 \\", "new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF", "emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪", "line sep \u2028 para sep \u2029 nel \u0085", "ünïcødé ß Ωμέγα 東京 עברית العربية", "%s %(x)s {0} {x} $x ${x}", "'''); import os; os.system('echo pwned') #", "\"\"\"\nprint(\"pwned\")\n\"\"\"", "controls \u0001\u0002\u001b\u001f", "﻿BOM and � replacement, noncharacter ￿", "combining é vs é", "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 􏿽", "nul \u0000 inside", "\u0000", "ends with nul\u0000"]}, [{"i": 10, "doc": {"texts": ["", " ", "plain", "trailing spaces   ", "quote ' double \" triple ''' \"\"\" end'", "back\\slash \\n \\x00 \\u2028 \\", "new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF", "emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪", "line sep \u2028 para sep \u2029 nel \u0085", "ünïcødé ß Ωμέγα 東京 עברית العربية", "%s %(x)s {0} {x} $x ${x}", "'''); import os; os.system('echo pwned') #", "\"\"\"\nprint(\"pwned\")\n\"\"\"", "controls \u0001\u0002\u001b\u001f", "﻿BOM and � replacement, noncharacter ￿", "combining é vs é", "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 􏿽", "nul \u0000 inside", "\u0000", "ends with nul\u0000"]}}]],
[12, {"deep": [[[[[[[[[[[["bottom", {"level": 0}], {"level": 1}], {"level": 2}], {"level": 3}], {"level": 4}], {"level": 5}], {"level": 6}], {"level": 7}], {"level": 8}], {"level": 9}], {"level": 10}], {"level": 11}]}, null],
]
