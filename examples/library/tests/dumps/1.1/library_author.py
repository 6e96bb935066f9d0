# lino-migrate data file: library.Author, part 1 of 1, rows 1 to 10
# table: library_author
# columns: id (int), first_name (text), last_name (text), birth_date (date)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, "Émile", "Zola", "1840-04-02"],
[2, "Фёдор", "Достоевский", "1821-11-11"],
[3, "", "紫式部", null],
[4, "Halldór", "Laxness", "1902-04-23"],
[5, "Wisława", "Szymborska", "1923-07-02"],
[6, "Gabriel", "García Márquez", "1927-03-06"],
[7, "Chinua", "Achebe", "1930-11-16"],
[8, "Nâzım", "Hikmet", "1902-01-15"],
[9, "", "Ἡσίοδος", null],
[10, "Astrid", "Lindgren", "1907-11-14"],
]
