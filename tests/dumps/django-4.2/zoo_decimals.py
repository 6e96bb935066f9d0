# lino-migrate data file: zoo.Decimals, part 1 of 1, rows 1 to 6
# table: zoo_decimals
# columns: id (int), wide_decimal (decimal), money (decimal), nullable_decimal (decimal)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "12345.6789012345", "9999.99", "-12345678.0001"],
[2, "-98765.4321098765", "-9999.99", null],
[3, "1E-10", "0.01", "-12345678.0001"],
[4, "0E-10", "1234.50", null],
[5, "99999999999999.9000000000", "0.00", "-12345678.0001"],
[6, "-0.1234567890", "-0.10", null],
]
