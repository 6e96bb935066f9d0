"""What the Wagtail site holds as seen through the ORM, and its pages as served, as one JSON document.

Run as ``python -m tests.oldwagtail.record`` (DJANGO_SETTINGS_MODULE=tests.oldwagtail.settings):
under the old Wagtail by make_dump.py, whose output is stored as tests/dumps/wagtail-*/site.json,
and under the current Wagtail by tests/test_replay_wagtail.py on the restored site. It reads only
what both releases have, through their public API, so the two records compare equal but for
``served`` (HTML that a release may write differently: the test compares statuses and titles).
The pages are served first: serving makes the image renditions that the record then lists.
"""

from __future__ import annotations

import datetime
import decimal
import json
import sys

import django

__all__ = ["record", "served"]


def plain(value):
    """A JSON value: datetimes in UTC, ISO 8601; decimals as strings."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, (datetime.date, decimal.Decimal)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def name(user) -> str | None:
    return user.username if user is not None else None


def served() -> dict:
    """Every page that has a URL, and one that does not exist: status and HTML."""
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    pages = {}
    for page in Page.objects.order_by("path").specific():
        url = page.get_url()
        if url:
            response = client.get(url)
            pages[url] = {"title": page.title, "status": response.status_code, "html": response.content.decode()}
    pages["/no-such-page/"] = {"title": None, "status": client.get("/no-such-page/").status_code, "html": ""}
    pages["/old-news"] = {"title": None, "status": client.get("/old-news").status_code, "html": ""}
    return pages


def page_rows() -> list[dict]:
    from wagtail.models import Page

    rows = []
    for page in Page.objects.order_by("path").specific():
        ct = page.content_type
        row = {
            "id": page.id, "type": f"{ct.app_label}.{ct.model}", "title": page.title, "draft_title": page.draft_title,
            "slug": page.slug, "path": page.path, "depth": page.depth, "url_path": page.url_path, "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes, "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at, "go_live_at": page.go_live_at, "owner": name(page.owner),
            "latest_revision": page.latest_revision_id, "live_revision": page.live_revision_id,
            "locale": page.locale.language_code, "translation_key": str(page.translation_key),
        }
        if hasattr(page, "body"):
            body = page.body
            stored = type(page)._meta.get_field("body").get_prep_value(body)  # Wagtail 5.2: a JSON string
            row.update(intro=page.intro, body=json.loads(stored if isinstance(stored, str) else json.dumps(stored)),
                       blocks=[block.block_type for block in body], published=page.published,
                       photo=page.photo.title if page.photo else None, tags=sorted(t.name for t in page.tags.all()))
        rows.append(row)
    return rows


def revisions() -> list[dict]:
    from wagtail.models import Revision

    return [
        {"id": r.id, "object": [r.content_type.model, r.object_id], "base": r.base_content_type.model,
         "created_at": r.created_at, "user": name(r.user), "approved_go_live_at": r.approved_go_live_at,
         "object_str": r.object_str, "content": r.content}
        for r in Revision.objects.order_by("id")
    ]


def images() -> list[dict]:
    from wagtail.images.models import Image

    return [
        {"id": i.id, "title": i.title, "file": i.file.name, "width": i.width, "height": i.height,
         "file_size": i.file_size, "file_hash": i.file_hash, "collection": i.collection.name,
         "focal_point": [i.focal_point_x, i.focal_point_y, i.focal_point_width, i.focal_point_height],
         "uploaded_by": name(i.uploaded_by_user), "description": getattr(i, "description", ""),
         "tags": sorted(t.name for t in i.tags.all()),
         "renditions": sorted([r.filter_spec, r.file.name, r.width, r.height] for r in i.renditions.all()),
         "bytes": i.file.size}
        for i in Image.objects.order_by("id")
    ]


def documents() -> list[dict]:
    from wagtail.documents.models import Document

    return [
        {"id": d.id, "title": d.title, "file": d.file.name, "file_size": d.file_size, "file_hash": d.file_hash,
         "collection": d.collection.name, "uploaded_by": name(d.uploaded_by_user),
         "tags": sorted(t.name for t in d.tags.all()), "content": d.file.open("rb").read().decode()}
        for d in Document.objects.order_by("id")
    ]


def people() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission
    from wagtail.users.models import UserProfile

    from .fill import PASSWORDS

    users = []
    for user in get_user_model().objects.order_by("id"):
        profile = UserProfile.objects.filter(user=user).first()
        users.append({
            "id": user.id, "username": user.username, "email": user.email, "name": [user.first_name, user.last_name],
            "is_staff": user.is_staff, "is_superuser": user.is_superuser, "is_active": user.is_active,
            "date_joined": user.date_joined, "password": user.password,
            # Not user.check_password(): it saves a rehashed password when the hasher's iterations changed.
            "password_checks": check_password(PASSWORDS.get(user.username, ""), user.password),
            "groups": sorted(g.name for g in user.groups.all()),
            "language": profile.preferred_language if profile else None,
        })
    groups = []
    for group in Group.objects.order_by("id"):
        groups.append({
            "id": group.id, "name": group.name,
            "permissions": sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()),
            "pages": sorted([gp.page.url_path, gp.permission.codename]
                            for gp in GroupPagePermission.objects.filter(group=group)),
            "collections": sorted([gc.collection.name, gc.permission.codename]
                                  for gc in GroupCollectionPermission.objects.filter(group=group)),
        })
    return {"users": users, "groups": groups}


def others() -> dict:
    import reversion.models
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Collection, Site, WorkflowState

    return {
        "collections": [[c.path, c.depth, c.name] for c in Collection.objects.order_by("path")],
        "sites": [[s.hostname, s.port, s.site_name, s.root_page.url_path, s.is_default_site] for s in Site.objects.all()],
        "workflow_states": [
            {"object": [w.base_content_type.model, w.object_id], "workflow": w.workflow.name, "status": w.status,
             "requested_by": name(w.requested_by), "current_task": w.current_task_state.task.name,
             "task_revision": w.current_task_state.revision_id}
            for w in WorkflowState.objects.order_by("id")
        ],
        "redirects": [[r.old_path, r.redirect_page.url_path if r.redirect_page else r.redirect_link, r.is_permanent]
                      for r in Redirect.objects.order_by("id")],
        "reversion": [
            {"object": [v.content_type.model, v.object_id], "data": json.loads(v.serialized_data),
             "comment": v.revision.comment, "user": name(v.revision.user)}
            for v in reversion.models.Version.objects.order_by("id")
        ],
    }


def record() -> dict:
    """The whole record; ``served`` first, so that the renditions it makes are in ``images``."""
    pages_served = served()
    return plain({"served": pages_served, "pages": page_rows(), "revisions": revisions(), "images": images(),
                  "documents": documents(), **people(), **others()})


if __name__ == "__main__":
    django.setup()
    json.dump(record(), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
