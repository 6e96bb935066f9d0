# lino-migrate data file: zoo.Restaurant, part 1 of 1, rows 1 to 3
# table: zoo_restaurant
# columns: place_ptr_id (int), serves_hot_dogs (bool), seats (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, false, 40],
[3, true, null],
[5, false, 0],
]
