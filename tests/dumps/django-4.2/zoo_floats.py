# lino-migrate data file: zoo.Floats, part 1 of 1, rows 1 to 17
# table: zoo_floats
# columns: id (int), float_value (float), nullable_float (float)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, 0.0, null],
[2, 1.0, Infinity],
[3, -1.5, 6.02214076e+23],
[4, 0.1, null],
[5, 0.3333333333333333, 9007199254740992.0],
[6, 1e+308, 123456789.12345679],
[7, -1.7976931348623157e+308, null],
[8, 5e-324, 2.2250738585072014e-308],
[9, -5e-324, -5e-324],
[10, 2.2250738585072014e-308, null],
[11, 2.225073858507201e-308, -1.7976931348623157e+308],
[12, 123456789.12345679, 1e+308],
[13, 9007199254740992.0, null],
[14, 1e-07, 0.1],
[15, 6.02214076e+23, -1.5],
[16, Infinity, null],
[17, -Infinity, 0.0],
]
