"""Create the demo content of the test site through Wagtail's and django-reversion's own API."""

import datetime
import io
from decimal import Decimal

import reversion
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from tests.wagtailsite.models import ArticlePage, Note


def png(colour: tuple[int, int, int], size=(60, 40)) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{colour[0]}-{colour[1]}-{colour[2]}.png")


class Command(BaseCommand):
    help = "Create the demo pages, images, tags, revisions and reversion history of the sites tests."

    def add_arguments(self, parser):
        parser.add_argument("--more", action="store_true", help="Add to a restored site (new ids come from its sequences).")

    def handle(self, *args, more=False, **options):
        if more:
            return self.more()
        editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "secret")
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "en"
        profile.save()

        red = Image.objects.create(title="Red", file=png((200, 30, 30)), uploaded_by_user=editor)
        red.tags.add("colour", "warm")
        blue = Image.objects.create(title="Blue «bleu»", file=png((20, 40, 220), (30, 50)))

        root = Page.get_first_root_node()
        home = root.add_child(instance=ArticlePage(
            title="Home", slug="start", intro="<p>Welcome to the <b>test</b> site</p>", photo=red,
            body=[("heading", "Hello"), ("paragraph", RichText("<p>First paragraph ✓</p>"))],
        ))
        home.save_revision(user=editor).publish()
        site = Site.objects.get(is_default_site=True)
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Demo"
        site.save()
        old_root.specific.delete()

        news = home.add_child(instance=ArticlePage(title="News", slug="news", published=datetime.date(2024, 2, 29)))
        news.tags.add("news", "Élan")
        news.body = [
            ("heading", "Latest"),
            ("image", blue),
            ("quote", {"text": "Quotes \"inside\" & <tags>", "author": "Ada"}),
            ("facts", ["one", "two", "zwei"]),
            ("related", home),
            ("paragraph", RichText(f'<p>See <a linktype="page" id="{home.id}">home</a>.</p>')),
        ]
        news.save_revision(user=editor).publish()
        news.title = "News (draft title)"
        news.save_revision(user=editor)  # a draft revision on top of the live one

        for i in range(3):
            child = news.add_child(instance=ArticlePage(
                title=f"Story {i}", slug=f"story-{i}", intro=f"<p>Story number {i}</p>",
                body=[("facts", [f"fact {i}.{j}" for j in range(i + 1)])],
            ))
            child.tags.add("story", f"s{i}")
            child.save_revision(user=editor).publish()
        draft = news.add_child(instance=ArticlePage(title="Unpublished", slug="unpublished", live=False))
        draft.save_revision(user=editor)

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
        self.stdout.write(f"{Page.objects.count()} pages")

    def more(self):
        """Edit the restored site as its users would: every table written to gets new ids."""
        editor = get_user_model().objects.get(username="editor")
        news = ArticlePage.objects.get(slug="news")
        image = Image.objects.create(title="Green", file=png((10, 200, 10)))
        page = news.add_child(instance=ArticlePage(title="After the restore", slug="after", photo=image,
                                                   body=[("heading", "New")]))
        page.tags.add("story", "new")
        page.save_revision(user=editor).publish()
        news.save_revision(user=editor).publish()
        with reversion.create_revision():
            Note.objects.create(title="Note after", text="new")
        get_user_model().objects.create_user("reader", "reader@example.com", "secret")
        self.stdout.write(f"{Page.objects.count()} pages")
