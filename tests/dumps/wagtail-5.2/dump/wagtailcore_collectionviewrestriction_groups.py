# lino-migrate data file: wagtailcore.CollectionViewRestriction_groups, part 1 of 1, no rows
# table: wagtailcore_collectionviewrestriction_groups
# columns: id (int), collectionviewrestriction_id (int), group_id (int)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
