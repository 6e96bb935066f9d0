"""naturalkeys.py: ContentType and Permission rows named by natural key, on the dump and the restore side."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from lino_migrate.codec import codec_for_field
from lino_migrate.naturalkeys import (
    NATURAL_KEY_MODELS, DanglingReference, NaturalKeyResolver, NaturalKeys, ensure_natural_row, reference_kind, sort_key,
)
from tests.zoo.models import Tag, TaggedItem

pytestmark = pytest.mark.django_db


def _tag_type() -> ContentType:
    return ContentType.objects.get_for_model(Tag)


def test_an_existing_content_type_is_found_not_created():
    resolver = NaturalKeyResolver("default")
    count = ContentType.objects.count()
    assert resolver.content_type_id(("zoo", "tag")) == _tag_type().pk
    assert ContentType.objects.count() == count


def test_a_missing_content_type_is_created_once():
    resolver = NaturalKeyResolver("default")
    pk = resolver.content_type_id(("gone", "oldmodel"))
    assert ContentType.objects.get(pk=pk).natural_key() == ("gone", "oldmodel")
    assert resolver.content_type_id(("gone", "oldmodel")) == pk
    assert ContentType.objects.filter(app_label="gone").count() == 1


def test_an_existing_permission_is_found():
    resolver = NaturalKeyResolver("default")
    expected = Permission.objects.get(codename="change_tag", content_type=_tag_type()).pk
    assert resolver.permission_id(("change_tag", "zoo", "tag")) == expected


def test_a_missing_permission_is_created_with_the_dumped_name():
    names = {("publish_tag", "zoo", "tag"): "Can publish a tag"}
    resolver = NaturalKeyResolver("default", names=names)
    pk = resolver.permission_id(("publish_tag", "zoo", "tag"))
    permission = Permission.objects.get(pk=pk)
    assert (permission.codename, permission.name, permission.content_type_id) == ("publish_tag", "Can publish a tag", _tag_type().pk)
    # without a known name it is named by its codename; on a content type made for it
    other = Permission.objects.get(pk=resolver.permission_id(("frobnicate", "gone", "thing")))
    assert other.name == "frobnicate" and other.content_type.natural_key() == ("gone", "thing")


def test_a_renamed_model_maps_its_content_type_and_default_permissions():
    resolver = NaturalKeyResolver("default", renames={("zoo", "label"): ("zoo", "tag")})
    assert resolver.content_type_id(("zoo", "label")) == _tag_type().pk
    change_tag = Permission.objects.get(codename="change_tag", content_type=_tag_type()).pk
    assert resolver.permission_id(("change_label", "zoo", "label")) == change_tag
    # a custom permission keeps its codename, on the new content type
    custom = Permission.objects.get(pk=resolver.permission_id(("publish_label", "zoo", "label")))
    assert (custom.codename, custom.content_type_id) == ("publish_label", _tag_type().pk)


def test_ensure_natural_row_for_each_model():
    resolver = NaturalKeyResolver("default")
    assert ensure_natural_row(resolver, "contenttypes.ContentType", {"app_label": "zoo", "model": "tag"}, "default") == _tag_type().pk
    row = {"codename": "archive_tag", "content_type": _tag_type().pk, "name": "Can archive tag"}
    pk = ensure_natural_row(resolver, "auth.Permission", row, "default")
    assert Permission.objects.get(pk=pk).name == "Can archive tag"
    assert ensure_natural_row(resolver, "auth.Permission", row, "default") == pk


def test_the_dump_side_names_rows_by_natural_key():
    keys = NaturalKeys(connection)
    tag_type = _tag_type()
    permission = Permission.objects.get(codename="add_tag", content_type=tag_type)
    assert keys.encoder("contenttype")(tag_type.pk) == ["zoo", "tag"]
    assert keys.encoder("permission")(permission.pk) == ["add_tag", "zoo", "tag"]
    assert keys.names[("add_tag", "zoo", "tag")] == permission.name
    missing = max(ContentType.objects.values_list("pk", flat=True)) + 1000
    with pytest.raises(DanglingReference) as caught:
        keys.encoder("contenttype")(missing)
    assert (caught.value.kind, caught.value.pk) == ("contenttype", missing)


def test_a_generic_object_id_naming_a_permission_becomes_its_natural_key():
    keys = NaturalKeys(connection)
    permission_type = ContentType.objects.get_for_model(Permission)
    permission = Permission.objects.get(codename="add_tag", content_type=_tag_type())
    assert keys.generic_object(permission_type.pk, str(permission.pk), "object_id", str(permission.pk)) == ["add_tag", "zoo", "tag"]
    assert keys.generic_object(_tag_type().pk, "17", "object_id", "17") == "17"  # any other model: the id as it is
    with pytest.raises(DanglingReference) as caught:
        keys.generic_object(permission_type.pk, "not a number", "object_id", "not a number")
    assert caught.value.field_name == "object_id"


def test_sort_keys_order_by_natural_key():
    keys = NaturalKeys(connection)
    by_key = sort_key("contenttypes.ContentType", ["app_label", "model"], keys)
    assert sorted([("zoo", "tag"), ("auth", "user"), ("zoo", "author")], key=by_key) == [
        ("auth", "user"), ("zoo", "author"), ("zoo", "tag")
    ]
    user_type = ContentType.objects.get(app_label="auth", model="user").pk
    by_permission = sort_key("auth.Permission", ["name", "content_type", "codename"], keys)
    rows = [("x", _tag_type().pk, "add_tag"), ("x", user_type, "view_user"), ("x", user_type, "add_user")]
    assert [row[2] for row in sorted(rows, key=by_permission)] == ["add_user", "view_user", "add_tag"]


def test_which_references_travel_by_natural_key():
    assert NATURAL_KEY_MODELS == ("contenttypes.ContentType", "auth.Permission")
    assert reference_kind("contenttypes.ContentType") == "contenttype"
    assert reference_kind("auth.Permission") == "permission"
    assert reference_kind("zoo.Tag") is None
    assert codec_for_field(TaggedItem._meta.get_field("content_type")).name == "contenttype"
    assert codec_for_field(Permission._meta.get_field("content_type")).name == "contenttype"


def test_rows_of_a_model_the_code_does_not_have_are_not_created():
    resolver = NaturalKeyResolver("default")
    count, permissions = ContentType.objects.count(), Permission.objects.count()
    assert ensure_natural_row(resolver, "contenttypes.ContentType", {"app_label": "zoo", "model": "gone"}, "default") is None
    row = {"codename": "view_gone", "content_type": ("zoo", "gone"), "name": "Can view gone"}
    assert ensure_natural_row(resolver, "auth.Permission", row, "default") is None
    assert (ContentType.objects.count(), Permission.objects.count()) == (count, permissions)
    # a Permission row of a current model, its content type a natural key or an id
    row = {"codename": "archive_tag", "content_type": ("zoo", "tag"), "name": "Can archive tag"}
    pk = ensure_natural_row(resolver, "auth.Permission", row, "default")
    assert Permission.objects.get(pk=pk).content_type_id == _tag_type().pk
    assert resolver.notes() == [
        "Notice: 1 ContentType and 1 Permission of models the current code does not have (zoo.gone) were not created."
    ]


def test_links_to_a_removed_model_are_left_out_and_references_kept():
    resolver = NaturalKeyResolver("default")
    assert resolver.linked_id("permission", ("view_gone", "zoo", "gone"), "auth.Group_permissions") is None
    assert resolver.linked_id("permission", ("add_tag", "zoo", "tag"), "auth.Group_permissions") == (
        Permission.objects.get(codename="add_tag", content_type=_tag_type()).pk
    )
    assert not ContentType.objects.filter(app_label="zoo", model="gone").exists()
    # a reference of another kind (a log entry, a generic foreign key) is kept: the ContentType is made for it
    pk = resolver.content_type_id(("zoo", "gone"))
    assert ContentType.objects.get(pk=pk).model_class() is None
    assert resolver.notes() == [
        "Notice: auth.Group_permissions: 1 row that links to a model the current code does not have was left out.",
        "Notice: rows that refer to models the current code does not have (zoo.gone) are kept, with the "
        "ContentTypes they need; `manage.py remove_stale_contenttypes` deletes those and the rows that depend on them.",
    ]
    assert resolver.is_current(("zoo", "tag")) and not resolver.is_current(("zoo", "gone"))
    renamed = NaturalKeyResolver("default", renames={("zoo", "label"): ("zoo", "tag")})
    assert renamed.is_current(("zoo", "label"))
