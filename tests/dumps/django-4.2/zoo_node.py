# lino-migrate data file: zoo.Node, part 1 of 1, rows 1 to 7
# table: zoo_node
# columns: id (int), name (text), parent_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "created first, parent comes later", 6],
[2, "root 🌳", null],
[3, "child 0", 2],
[4, "child 1", 2],
[5, "child 2", 2],
[6, "grandchild", 4],
[7, "its own parent", 7],
]
