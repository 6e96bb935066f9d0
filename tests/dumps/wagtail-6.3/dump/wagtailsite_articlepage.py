# lino-migrate data file: wagtailsite.ArticlePage, part 1 of 1, rows 1 to 8
# table: wagtailsite_articlepage
# columns: page_ptr_id (int), intro (raw:text), body (json), photo_id (int), published (date)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[3, "<p>Welcome to the <b>old</b> site</p>", [{"type": "heading", "value": "Hello again", "id": "937da382-2ca7-43b7-b137-e883cc30ae97"}, {"type": "paragraph", "value": "<p>Second version ✓</p>", "id": "fa4caaec-6892-4510-be7b-29e779a8fdaf"}, {"type": "image", "value": 1, "id": "b4bcb4a3-d7a9-4368-8963-679efe1a220b"}], 1, null],
[4, "<p>Who we are</p>", [], null, "2023-03-01"],
[5, "", [{"type": "heading", "value": "Latest", "id": "d1da5462-8d12-493d-b7f4-6e831da6c460"}, {"type": "image", "value": 2, "id": "a559bf54-3b76-4a2b-b1c8-50fb476c59b1"}, {"type": "quote", "value": {"text": "Quotes \"inside\" & <tags>", "author": "Ada"}, "id": "bf8e9684-6f36-4994-913e-4362df531c44"}, {"type": "facts", "value": [{"type": "item", "value": "one", "id": "6b4354c1-5806-4034-be56-974e1fdb57e4"}, {"type": "item", "value": "two", "id": "be37d327-10aa-440a-94d5-efc4f0acd1b2"}, {"type": "item", "value": "zwei", "id": "c7af0804-20b5-4e9d-9d8f-c43cfb6bbd46"}], "id": "3d6db463-2e3e-4ef2-9b9d-c781b3e7a019"}, {"type": "related", "value": 4, "id": "828248c0-5a43-4b10-89c3-ee6c93f20b00"}, {"type": "paragraph", "value": "<p>See <a linktype=\"page\" id=\"3\">home</a>, the <a linktype=\"document\" id=\"1\">leaflet</a> and </p><embed alt=\"grey\" embedtype=\"image\" format=\"left\" id=\"3\"/>", "id": "7c78386e-7978-4175-bcdc-9ed4715f7980"}], null, "2024-02-29"],
[6, "<p>Story number 0, version 0</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 0.0", "id": "b3784c34-4cc4-4d67-8ddf-3efbc7dcc274"}], "id": "1ad9b03a-779e-4969-be59-c0a41454ca19"}], null, null],
[7, "<p>Story number 1, version 1</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 1.0", "id": "62189a44-02f2-4e89-9966-d3c651250aac"}, {"type": "item", "value": "fact 1.1", "id": "d886900a-3655-47d5-b483-da08f5ee733d"}], "id": "802ee896-02ed-4594-b9f9-53e1ea77da38"}], null, null],
[8, "<p>Story number 2, version 2</p>", [{"type": "facts", "value": [{"type": "item", "value": "fact 2.0", "id": "f8558f18-7c30-4eac-9da4-1d05bf5fde34"}, {"type": "item", "value": "fact 2.1", "id": "a79523a0-1ce6-410a-8d39-2ce945ed3aa4"}, {"type": "item", "value": "fact 2.2", "id": "6b5325b6-e7e1-4ba3-abbf-0f8c94feb222"}], "id": "624d6fb2-40ce-47cf-9000-0a1bb6dbf167"}], null, null],
[9, "", [{"type": "paragraph", "value": "<p>About Minutes 2024 ✓</p>", "id": "975a5636-9af0-4246-9df4-9574e09fe2c4"}], null, null],
[10, "", [], null, null],
]
