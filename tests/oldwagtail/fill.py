"""Fill a migrated, empty database with a little real Wagtail site, through Wagtail's own API.

Run by tests/oldwagtail/make_dump.py under the old Wagtail as
``python -m tests.oldwagtail.fill`` (DJANGO_SETTINGS_MODULE=tests.oldwagtail.settings).
The pages are the site app's ArticlePage (tests.wagtailsite; tests.wagtailsite52 under 5.2:
StreamField and rich text bodies, tags, a photo), each with several revisions: published ones, drafts on top of the live one, a page that was
unpublished, a scheduled one, one in moderation. Images (small real PNGs, in collections, with
a focal point and tags) and documents live in a tree of collections; users belong to groups
with page and collection permissions.
"""

from __future__ import annotations

import datetime
import io

import django

__all__ = ["fill", "PASSWORDS"]

#: Each user's password, so that the record can prove the hashes still check after the restore.
PASSWORDS = {"editor": "editor-secret", "moderator": "moderator-secret", "writer": "writer-secret",
             "reviewer": "reviewer-secret"}


def png(name: str, colour: tuple[int, int, int], size: tuple[int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def site_model(name: str):
    from django.apps import apps
    from django.conf import settings

    return apps.get_model(settings.SITE_APP_LABEL, name)


def people():
    """Users, groups and their permissions; the editor is a superuser."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.users.models import UserProfile

    User = get_user_model()
    editor = User.objects.create_superuser("editor", "editor@example.com", PASSWORDS["editor"],
                                           first_name="Eddie", last_name="Éditeur")
    moderator = User.objects.create_user("moderator", "moderator@example.com", PASSWORDS["moderator"], is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    writer = User.objects.create_user("writer", "writer@example.com", PASSWORDS["writer"], first_name="Wren")
    writer.groups.add(Group.objects.get(name="Editors"))
    reviewer = User.objects.create_user("reviewer", "reviewer@example.com", PASSWORDS["reviewer"], is_active=False)
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
    reviewer.groups.add(reviewers)
    for user, language in ((editor, "en"), (writer, "fr")):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return editor, moderator, writer, reviewers


def media(editor, reviewers):
    """Collections, images (one with renditions made when its pages are served) and documents."""
    from django.contrib.auth.models import Permission
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    photos = root.add_child(name="Photos")
    archive = photos.add_child(name="Archive «old»")
    files = root.add_child(name="Files")
    GroupCollectionPermission.objects.create(group=reviewers, collection=photos,
                                             permission=Permission.objects.get(codename="choose_image"))
    GroupCollectionPermission.objects.create(group=reviewers, collection=files,
                                             permission=Permission.objects.get(codename="change_document"))
    red = Image.objects.create(title="Red square", file=png("red.png", (200, 30, 30), (60, 60)),
                               collection=photos, uploaded_by_user=editor,
                               focal_point_x=10, focal_point_y=12, focal_point_width=20, focal_point_height=20)
    red.tags.add("colour", "warm")
    described = {"description": "A blue band"} if has_field(Image, "description") else {}  # Wagtail 6.3 on
    blue = Image.objects.create(title="Blue «bleu»", file=png("blue.png", (20, 40, 220), (40, 24)),
                                collection=photos, **described)
    grey = Image.objects.create(title="Grey archive", file=png("grey.png", (128, 128, 128), (16, 16)),
                                collection=archive)
    leaflet = Document.objects.create(title="Leaflet", collection=files, uploaded_by_user=editor,
                                      file=ContentFile(b"A leaflet.\n", name="leaflet.txt"))
    leaflet.tags.add("print")
    minutes = Document.objects.create(title="Minutes 2024 ✓", collection=files,
                                      file=ContentFile("Minutes: «all agreed».\n".encode(), name="minutes.txt"))
    return red, blue, grey, leaflet, minutes


def pages(editor, moderator, writer, images, documents):
    """The page tree, each page with revisions, some published and some not."""
    from django.utils import timezone
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page, Site, Workflow
    from wagtail.rich_text import RichText

    ArticlePage = site_model("ArticlePage")
    list_block = ArticlePage._meta.get_field("body").stream_block.child_blocks["facts"]

    def facts(items: list[str]):  # Wagtail 5.2 takes no plain list for a ListBlock
        from wagtail.blocks.list_block import ListValue

        return ListValue(list_block, values=items)

    red, blue, grey = images
    leaflet, minutes = documents
    root = Page.get_first_root_node()
    welcome = Site.objects.get(is_default_site=True).root_page
    home = root.add_child(instance=ArticlePage(
        title="Home", slug="start", owner=editor, photo=red, intro="<p>Welcome to the <b>old</b> site</p>",
        body=[("heading", "Hello"), ("paragraph", RichText("<p>First version</p>"))]))
    home.save_revision(user=editor).publish()
    home.body = [("heading", "Hello again"), ("paragraph", RichText("<p>Second version ✓</p>")), ("image", red)]
    home.save_revision(user=editor, log_action=True).publish(user=editor)
    Site.objects.filter(pk=Site.objects.get(is_default_site=True).pk).update(root_page=home, site_name="Old site")
    welcome.delete()

    about = home.add_child(instance=ArticlePage(title="About us", slug="about", owner=writer,
                                                intro="<p>Who we are</p>", published=datetime.date(2023, 3, 1)))
    about.save_revision(user=writer).publish()
    about.title = "About us (in review)"
    about.intro = "<p>Who we are, and why</p>"
    about.save_revision(user=writer)
    Workflow.objects.get(name="Moderators approval").start(about, writer)  # in moderation: a draft in review

    news = home.add_child(instance=ArticlePage(title="News", slug="news", owner=editor,
                                               published=datetime.date(2024, 2, 29)))
    news.tags.add("news", "Élan")
    news.body = [
        ("heading", "Latest"),
        ("image", blue),
        ("quote", {"text": "Quotes \"inside\" & <tags>", "author": "Ada"}),
        ("facts", facts(["one", "two", "zwei"])),
        ("related", about),
        ("paragraph", RichText(
            f'<p>See <a linktype="page" id="{home.id}">home</a>, the '
            f'<a linktype="document" id="{leaflet.id}">leaflet</a> and </p>'
            f'<embed alt="grey" embedtype="image" format="left" id="{grey.id}"/>')),
    ]
    news.save_revision(user=editor).publish()
    news.title = "News (draft title)"
    news.save_revision(user=moderator)  # a draft on top of the live revision

    stories = []
    for i in range(3):
        story = news.add_child(instance=ArticlePage(
            title=f"Story {i}", slug=f"story-{i}", owner=writer, intro=f"<p>Story number {i}</p>",
            body=[("facts", facts([f"fact {i}.{j}" for j in range(i + 1)]))]))
        story.tags.add("story", f"s{i}")
        for version in range(i + 1):  # story i has i + 1 published revisions
            story.intro = f"<p>Story number {i}, version {version}</p>"
            story.save_revision(user=writer).publish()
        stories.append(story)
    stories[2].unpublish(user=editor)  # was live, is not any more

    draft = news.add_child(instance=ArticlePage(title="Unpublished", slug="unpublished", live=False, owner=writer,
                                                body=[("paragraph", RichText(f"<p>About {minutes.title}</p>"))]))
    draft.save_revision(user=writer)
    draft.title = "Unpublished, second draft"
    draft.save_revision(user=writer)

    go_live = timezone.now().replace(microsecond=123456) + datetime.timedelta(days=3650)
    soon = home.add_child(instance=ArticlePage(title="Coming soon", slug="soon", live=False, owner=editor,
                                               go_live_at=go_live))
    soon.save_revision(user=editor).publish(user=editor)  # scheduled: approved to go live in ten years

    Redirect.objects.create(old_path="/old-news", redirect_page=news)
    Redirect.objects.create(old_path="/leaflet", redirect_link="/documents/leaflet", is_permanent=False)
    return home, news


def group_pages(reviewers, news):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.create(group=reviewers, page=news,
                                       permission=Permission.objects.get(codename="change_page"))


def notes(editor):
    """django-reversion history: two notes, two revisions each."""
    from decimal import Decimal

    import reversion

    Note = site_model("Note")

    for i in range(2):
        with reversion.create_revision():
            note = Note.objects.create(title=f"Note {i}", text="first", amount=Decimal("1.50"))
            reversion.set_user(editor)
            reversion.set_comment(f"created note {i}")
        with reversion.create_revision():
            note.text = "second «version»"
            note.amount = Decimal("-3.25")
            note.save()
            reversion.set_comment("edited")


def fill() -> None:
    editor, moderator, writer, reviewers = people()
    red, blue, grey, leaflet, minutes = media(editor, reviewers)
    home, news = pages(editor, moderator, writer, (red, blue, grey), (leaflet, minutes))
    group_pages(reviewers, news)
    notes(editor)


if __name__ == "__main__":
    django.setup()
    fill()
