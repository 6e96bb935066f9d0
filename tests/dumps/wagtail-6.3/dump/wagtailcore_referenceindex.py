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
[6, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "3", ["wagtailimages", "image"], "1", "photo", "photo", "1d1b3137-d363-525b-8440-c5cc5553f415"],
[7, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "3", ["wagtailimages", "image"], "1", "body.image", "body.36cc2928-72da-47b3-9610-7bb6e7416c76", "d9b01fa0-e5ac-5109-a3f9-4d15a2990a64"],
[8, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "5", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[9, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "2", "body.image", "body.7a7890b6-7025-4b4a-b8ee-1859cd0ac474", "58a4e9fd-446b-5bdf-b0b6-8fd44260fcbc"],
[10, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "3", "body.paragraph", "body.2fa8ac25-c316-4a7c-bb10-62b60f882ab2", "9bbaaf1f-6a63-5c5c-a543-6f86b057372e"],
[11, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "3", "body.paragraph", "body.2fa8ac25-c316-4a7c-bb10-62b60f882ab2", "9bbaaf1f-6a63-5c5c-a543-6f86b057372e"],
[12, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "4", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[13, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtaildocs", "document"], "1", "body.paragraph", "body.2fa8ac25-c316-4a7c-bb10-62b60f882ab2", "9bbaaf1f-6a63-5c5c-a543-6f86b057372e"],
[14, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "4", "body.related", "body.d9c9b54d-d2c6-406a-a61f-287e0aec3203", "d74692a8-ecee-5af6-b90f-ad1e48fa58bb"],
[15, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "7", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[16, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[17, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "8", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[18, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[19, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "9", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[20, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
]
