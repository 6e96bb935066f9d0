# lino-migrate data file: wagtailcore.CommentReply, part 1 of 1, no rows
# table: wagtailcore_commentreply
# columns: id (int), comment_id (int), user_id (int), text (text), created_at (datetime), updated_at (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
