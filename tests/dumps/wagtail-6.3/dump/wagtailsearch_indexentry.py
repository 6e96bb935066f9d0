# lino-migrate data file: wagtailsearch.IndexEntry, part 1 of 1, rows 1 to 14
# table: wagtailsearch_indexentry
# columns: id (int), content_type_id (contenttype), object_id (text), title_norm (float), autocomplete (text), title (text), body (text)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, ["wagtailimages", "image"], "1", 1.05, "Red square", "Red square", ""],
[2, ["wagtailimages", "image"], "2", 0.9545454545454546, "Blue «bleu»", "Blue «bleu»", ""],
[3, ["wagtailimages", "image"], "3", 0.9166666666666666, "Grey archive", "Grey archive", ""],
[4, ["wagtaildocs", "document"], "1", 1.4285714285714286, "Leaflet", "Leaflet", ""],
[5, ["wagtaildocs", "document"], "2", 0.7714285714285715, "Minutes 2024 ✓", "Minutes 2024 ✓", ""],
[6, ["wagtailsite", "articlepage"], "3", 2.4166666666666665, "Home", "Home", "Welcome to the old site Hello again, Second version ✓"],
[7, ["wagtailcore", "page"], "1", 2.2142857142857144, "Root", "Root", ""],
[8, ["wagtailsite", "articlepage"], "4", 1.09375, "About us", "About us", "Who we are "],
[9, ["wagtailsite", "articlepage"], "5", 2.0555555555555554, "News", "News", " Latest, Quotes \"inside\" & <tags>, Ada, one, two, zwei, See home, the leaflet and"],
[10, ["wagtailsite", "articlepage"], "6", 1.157142857142857, "Story 0", "Story 0", "Story number 0, version 0 fact 0.0"],
[11, ["wagtailsite", "articlepage"], "7", 1.1428571428571428, "Story 1", "Story 1", "Story number 1, version 1 fact 1.0, fact 1.1"],
[12, ["wagtailsite", "articlepage"], "8", 1.130952380952381, "Story 2", "Story 2", "Story number 2, version 2 fact 2.0, fact 2.1, fact 2.2"],
[13, ["wagtailsite", "articlepage"], "9", 0.7412587412587412, "Unpublished", "Unpublished", " About Minutes 2024 ✓"],
[14, ["wagtailsite", "articlepage"], "10", 0.7597402597402598, "Coming soon", "Coming soon", " "],
]
