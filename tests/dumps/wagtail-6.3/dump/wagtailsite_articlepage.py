# lino-migrate data file: wagtailsite.ArticlePage, part 1 of 1, rows 1 to 8
# table: wagtailsite_articlepage
# columns: page_ptr_id (int), intro (raw:text), body (json), photo_id (int), published (date)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[3, "<p>Welcome to the <b>old</b> site</p>", [{"type": "heading", "value": "Hello again", "id": "2575d206-8dc9-44b6-bb55-d7e0234b51e5"}, {"type": "paragraph", "value": "<p>Second version ✓</p>", "id": "af46c78c-aa52-4a36-b6fa-8aae71dfba31"}, {"type": "image", "value": 1, "id": "36cc2928-72da-47b3-9610-7bb6e7416c76"}], 1, null],
[4, "<p>Who we are</p>", [], null, "2023-03-01"],
[5, "", [{"type": "heading", "value": "Latest", "id": "0b0a4e87-2977-4cc9-a48c-f160cf2dfcf1"}, {"type": "image", "value": 2, "id": "7a7890b6-7025-4b4a-b8ee-1859cd0ac474"}, {"type": "quote", "value": {"text": "Quotes \"inside\" & <tags>", "author": "Ada"}, "id": "8b7e5c93-5af5-40d2-967c-d9c80e0292f7"}, {"type": "facts", "value": [{"type": "item", "value": "one", "id": "9b0eb02d-a46b-4c5d-93fd-ce1c2c7ae9ed"}, {"type": "item", "value": "two", "id": "6ee5c9a9-182c-47e4-a43f-2a4666afb876"}, {"type": "item", "value": "zwei", "id": "e3d437ed-badf-498b-99e5-db1b7802a681"}], "id": "c557cd37-1566-4c04-bac2-e06956b8f73f"}, {"type": "related", "value": 4, "id": "d9c9b54d-d2c6-406a-a61f-287e0aec3203"}, {"type": "paragraph", "value": "<p>See <a linktype=\"page\" id=\"3\">home</a>, the <a linktype=\"document\" id=\"1\">leaflet</a> and </p><embed alt=\"grey\" embedtype=\"image\" format=\"left\" id=\"3\"/>", "id": "2fa8ac25-c316-4a7c-bb10-62b60f882ab2"}], null, "2024-02-29"],
[6, "<p>Story number 0, version 0</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 0.0", "id": "0d935408-7723-4355-a0e3-b3d5fd5a7566"}], "id": "5db2dae1-a6dd-4f5d-8760-f7cfe637b6fb"}], null, null],
[7, "<p>Story number 1, version 1</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 1.0", "id": "c9aeee82-76b8-422d-bb19-d607565b92e6"}, {"type": "item", "value": "fact 1.1", "id": "b8a4ab5b-fadd-41f6-b8f5-546c2e2f1544"}], "id": "5f43f2e5-7e68-495f-b1b2-427afae3be7b"}], null, null],
[8, "<p>Story number 2, version 2</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 2.0", "id": "e81b4361-963b-47d3-b499-7798e157cc21"}, {"type": "item", "value": "fact 2.1", "id": "62ab5c39-3cf8-4fc0-a123-cf39cd86727f"}, {"type": "item", "value": "fact 2.2", "id": "e74f9947-e763-4ace-aa02-dc76d2a5f246"}], "id": "ad8dccc5-ba3a-4e60-a3b4-10b5eb17f9df"}], null, null],
[9, "", [{"type": "paragraph", "value": "<p>About Minutes 2024 ✓</p>", "id": "dd1b388f-0376-4ab7-ae5f-d8d851035075"}], null, null],
[10, "", [], null, null],
]
