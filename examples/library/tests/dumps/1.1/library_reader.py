# lino-migrate data file: library.Reader, part 1 of 1, rows 1 to 10
# table: library_reader
# columns: id (int), name (text), email (text), joined (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Øyvind Müller", "member1@example.org", "2022-12-07T01:03:35.873776+00:00"],
[2, "Håkon Tanaka", "member2@example.org", "2018-02-12T22:35:28.112976+00:00"],
[3, "Łucja Yılmaz", "member3@example.org", "2020-03-22T13:02:54.510381+00:00"],
[4, "Mei Xu", "member4@example.org", "2019-03-09T14:37:45.152995+00:00"],
[5, "Łucja Tanaka", "member5@example.org", "2020-08-04T15:35:23.827348+00:00"],
[6, "Øyvind Nowak", "member6@example.org", "2019-12-11T22:17:39.686864+00:00"],
[7, "Noémie Żak", "member7@example.org", "2022-12-28T04:14:10.789123+00:00"],
[8, "Håkon Vasquez", "member8@example.org", "2017-06-23T11:33:59.318465+00:00"],
[9, "Łucja Ueda", "member9@example.org", "2022-05-11T16:27:28.724987+00:00"],
[10, "Dmitri Nowak", "member10@example.org", "2021-05-23T22:08:12.082523+00:00"],
]
