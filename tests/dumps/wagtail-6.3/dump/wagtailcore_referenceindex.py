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
[7, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "3", ["wagtailimages", "image"], "1", "body.image", "body.b4bcb4a3-d7a9-4368-8963-679efe1a220b", "e0dd3307-f5b9-593a-893b-d0274d6b88dd"],
[8, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "3", "body.paragraph", "body.7c78386e-7978-4175-bcdc-9ed4715f7980", "19f3eca3-dab6-5b1a-b9fe-87b57517feff"],
[9, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtaildocs", "document"], "1", "body.paragraph", "body.7c78386e-7978-4175-bcdc-9ed4715f7980", "19f3eca3-dab6-5b1a-b9fe-87b57517feff"],
[10, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "2", "body.image", "body.a559bf54-3b76-4a2b-b1c8-50fb476c59b1", "b4410986-1027-5fd2-a8ce-27f2516565b0"],
[11, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "5", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[12, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailimages", "image"], "3", "body.paragraph", "body.7c78386e-7978-4175-bcdc-9ed4715f7980", "19f3eca3-dab6-5b1a-b9fe-87b57517feff"],
[13, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["wagtailcore", "page"], "4", "body.related", "body.828248c0-5a43-4b10-89c3-ee6c93f20b00", "95a04471-cac3-5953-8011-ece4eb75fdd7"],
[14, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "5", ["taggit", "tag"], "4", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[15, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[16, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "6", ["taggit", "tag"], "7", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[17, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "8", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[18, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "7", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[19, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "6", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
[20, ["wagtailsite", "articlepage"], ["wagtailcore", "page"], "8", ["taggit", "tag"], "9", "tagged_items.item.tag", "tagged_items.None.tag", "ba6661ca-69a8-5ae1-a6aa-fb67dbf805eb"],
]
