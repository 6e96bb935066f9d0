# lino-migrate data file: wagtailcore.ReferenceIndex, part 1 of 1, rows 1 to 20
# table: wagtailcore_referenceindex
# columns: id (int), content_type_id (contenttype), base_content_type_id (contenttype), object_id (text), to_content_type_id (contenttype), to_object_id (text), model_path (text), content_path (text), content_path_hash (uuid)
# One row per line: a JSON array that is also a Python literal.
null, true, false, NaN, Infinity = None, True, False, float("nan"), float("inf")
ROWS = [
[1, ["wagtailimages", "image"], ["wagtailimages", "image"], "1", ["wagtailcore", "collection"], "2", "collection", "collection", "b40b1263-e929-57f2-a7f8-9dbce56b887b"],
[2, ["wagtailimages", "image"], ["wagtailimages", "image"], "2", ["wagtailcore", "collection"], "2", "collection", "collection", "b40b1263-e929-57f2-a7f8-9dbce56b887b"],
[3, ["wagtailimages", "image"], ["wagtailimages", "image"], "3", ["wagtailcore", "collection"], "3", "collection", "collection", "b40b1263-e929-57f2-a7f8-9dbce56b887b"],
[4, ["wagtaildocs", "document"], ["wagtaildocs", "document"], "1", ["wagtailcore", "collection"], "4", "collection", "collection", "b40b1263-e929-57f2-a7f8-9dbce56b887b"],
[5, ["wagtaildocs", "document"], ["wagtaildocs", "document"], "2", ["wagtailcore", "collection"], "4", "collection", "collection", "b40b1263-e929-57f2-a7f8-9dbce56b887b"],
[6, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "3", ["wagtailimages", "image"], "1", "photo", "photo", "1d1b3137-d363-525b-8440-c5cc5553f415"],
[7, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "3", ["wagtailimages", "image"], "1", "body.image", "body.b3be609a-9e32-4663-ab25-3173177d7dcf", "1f643bfa-f32d-5391-8673-10a10209b684"],
[8, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "2", "body.image", "body.b66139cb-5934-4a10-9618-e9239169c174", "535cbaa7-4866-58e2-accd-2338789f931c"],
[9, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "5", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[10, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "4", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[11, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["wagtaildocs", "document"], "1", "body.paragraph", "body.62b7293f-ebc6-4072-8c05-20a58578aac2", "a10d66e7-5648-5b5e-b2c8-83df4f9de9c8"],
[12, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "4", "body.related", "body.4a0eed99-6387-4688-ae0a-471958e3b69e", "fb0f7613-f79a-5569-8a09-b78b31300244"],
[13, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "3", "body.paragraph", "body.62b7293f-ebc6-4072-8c05-20a58578aac2", "a10d66e7-5648-5b5e-b2c8-83df4f9de9c8"],
[14, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "3", "body.paragraph", "body.62b7293f-ebc6-4072-8c05-20a58578aac2", "a10d66e7-5648-5b5e-b2c8-83df4f9de9c8"],
[15, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "7", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[16, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[17, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "8", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[18, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[19, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "9", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[20, ["wagtailsite52", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
]
