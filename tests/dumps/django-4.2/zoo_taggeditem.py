# lino-migrate data file: zoo.TaggedItem, part 1 of 1, rows 1 to 13
# table: zoo_taggeditem
# columns: id (int), label (text), content_type_id (contenttype), object_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "tag 0 ", ["zoo", "book"], 1],
[2, "tag 1  ", ["zoo", "book"], 4],
[3, "tag 2 plain", ["zoo", "person"], 1],
[4, "tag 3 trailing spaces   ", ["zoo", "node"], 2],
[5, "tag 4 quote ' double \" triple ''' \"\"\" end'", ["zoo", "node"], 6],
[6, "tag 5 back\\slash \\n \\x00 \\u2028 \\", ["zoo", "italianrestaurant"], 1],
[7, "tag 6 new\nline\r\nCRLF\rCR\ttab\u000bVT\fFF", ["zoo", "restaurant"], 3],
[8, "tag 7 emoji 🦎🐍 family 👩‍👩‍👧‍👦 flag 🇧🇪", ["auth", "user"], 3],
[9, "tag 8 line sep \u2028 para sep \u2029 nel \u0085", ["auth", "group"], 1],
[10, "tag 9 ünïcødé ß Ωμέγα 東京 עברית العربية", ["zoo", "author"], 2],
[11, "tag 10 %s %(x)s {0} {x} $x ${x}", ["zoo", "cyclea"], 1],
[12, "tag 11 '''); import os; os.system('echo pwned') #", ["zoo", "cycleb"], 1],
[13, "proxy model content type", ["zoo", "placeproxy"], 4],
]
