# lino-migrate data file: wagtailcore.PageSubscription, part 1 of 1, no rows
# table: wagtailcore_pagesubscription
# columns: id (int), user_id (int), page_id (int), comment_notifications (bool)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
