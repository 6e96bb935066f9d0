# lino-migrate data file: zoo.Stamped, part 1 of 1, rows 1 to 4
# table: zoo_stamped
# columns: id (int), name (text), created (datetime), modified (datetime), created_day (date), modified_time (time)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "stamped 0", "2024-03-31T01:00:00.000001+00:00", "1001-01-01T00:00:00.000001+00:00", "2001-02-03", "04:05:06.000007"],
[2, "stamped 1", "2024-03-31T00:59:59.999999+00:00", "9999-12-31T22:59:59.999999+00:00", "2001-02-04", "04:05:06.000008"],
[3, "stamped 2", "2000-01-01T00:00:00.999999+00:00", "2024-10-27T01:30:00.123456+00:00", "2001-02-05", "04:05:06.000009"],
[4, "stamped 3", "1970-01-01T00:00:00.000000+00:00", "2024-10-27T00:30:00.123456+00:00", "2001-02-06", "04:05:06.000010"],
]
