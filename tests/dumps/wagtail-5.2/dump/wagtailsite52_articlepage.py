# lino-migrate data file: wagtailsite52.ArticlePage, part 1 of 1, rows 1 to 8
# table: wagtailsite52_articlepage
# columns: page_ptr_id (int), intro (raw:text), body (json), photo_id (int), published (date)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[3, "<p>Welcome to the <b>old</b> site</p>", [{"type": "heading", "value": "Hello again", "id": "70466ed5-def3-443b-9c96-3d6a27e8686a"}, {"type": "paragraph", "value": "<p>Second version ✓</p>", "id": "eb20575d-7750-427e-9061-a1dc6136b11d"}, {"type": "image", "value": 1, "id": "b3be609a-9e32-4663-ab25-3173177d7dcf"}], 1, null],
[4, "<p>Who we are</p>", [], null, "2023-03-01"],
[5, "", [{"type": "heading", "value": "Latest", "id": "303c0f43-ea1d-4b8c-b598-10901f69666b"}, {"type": "image", "value": 2, "id": "b66139cb-5934-4a10-9618-e9239169c174"}, {"type": "quote", "value": {"text": "Quotes \"inside\" & <tags>", "author": "Ada"}, "id": "fc5d5202-fd4a-4387-9b34-cd5bb5cceb18"}, {"type": "facts", "value": [{"type": "item", "value": "one", "id": "fc569e3a-02c9-4202-bf04-3cdbce864aac"}, {"type": "item", "value": "two", "id": "652ac5e6-548e-42b3-9bc6-b3ba00d329d2"}, {"type": "item", "value": "zwei", "id": "96f8b303-3981-4226-8fe4-da07c5a1a861"}], "id": "ca627fb8-f7a1-403a-82f1-25a2265416f4"}, {"type": "related", "value": 4, "id": "4a0eed99-6387-4688-ae0a-471958e3b69e"}, {"type": "paragraph", "value": "<p>See <a linktype=\"page\" id=\"3\">home</a>, the <a linktype=\"document\" id=\"1\">leaflet</a> and </p><embed alt=\"grey\" embedtype=\"image\" format=\"left\" id=\"3\"/>", "id": "62b7293f-ebc6-4072-8c05-20a58578aac2"}], null, "2024-02-29"],
[6, "<p>Story number 0, version 0</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 0.0", "id": "fad82f25-bec7-49d7-bfe2-b45479eb0175"}], "id": "7a4e9dda-2e58-4f9a-9342-bfa600239b75"}], null, null],
[7, "<p>Story number 1, version 1</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 1.0", "id": "40c28452-3680-4b89-a2ac-ec0d98ed1063"}, {"type": "item", "value": "fact 1.1", "id": "2202a6cc-9604-4a5c-9dd9-08a811a8d6fb"}], "id": "2883bc6e-3558-43e4-a684-2f28edac5103"}], null, null],
[8, "<p>Story number 2, version 2</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 2.0", "id": "9e5f612f-1680-4299-97d2-11965e23bb7e"}, {"type": "item", "value": "fact 2.1", "id": "2c9134ca-8593-4b95-9712-31c91790a3df"}, {"type": "item", "value": "fact 2.2", "id": "efcf25f4-4658-4394-a801-ed709ea74e32"}], "id": "0beefb11-0c69-40a3-8982-a0d234dddb88"}], null, null],
[9, "", [{"type": "paragraph", "value": "<p>About Minutes 2024 ✓</p>", "id": "a5fba911-1523-4ce7-8e1c-4792ace5ecde"}], null, null],
[10, "", [], null, null],
]
