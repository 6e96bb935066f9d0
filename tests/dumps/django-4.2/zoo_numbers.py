# lino-migrate data file: zoo.Numbers, part 1 of 1, rows 1 to 3
# table: zoo_numbers
# columns: id (int), small_integer (int), positive_integer (int), positive_small_integer (int), positive_big_integer (int), big_integer (int), integer (int), nullable_integer (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, -32768, 2147483647, 32767, 9223372036854775807, -9223372036854775808, -2147483648, null],
[2, 32767, 0, 0, 0, 9223372036854775807, 2147483647, 0],
[3, 0, 1, 1, 9007199254740993, -9007199254740993, -1, -2147483648],
]
