# lino-migrate data file: wagtailembeds.Embed, part 1 of 1, no rows
# table: wagtailembeds_embed
# columns: id (int), url (text), max_width (int), hash (text), type (text), html (text), title (text), author_name (text), provider_name (text), thumbnail_url (text), width (int), height (int), last_updated (datetime), cache_until (datetime)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
]
