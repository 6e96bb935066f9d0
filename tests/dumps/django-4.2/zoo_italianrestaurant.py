# lino-migrate data file: zoo.ItalianRestaurant, part 1 of 1, rows 1 to 2
# table: zoo_italianrestaurant
# columns: restaurant_ptr_id (int), serves_gnocchi (bool), oven_temperature (float)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, true, 485.5],
[5, false, null],
]
