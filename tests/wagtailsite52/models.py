"""tests.wagtailsite's page type and reversion model, in an app of their own (see apps.py)."""

import reversion
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("wagtailsite52.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(Page):
    template = "wagtailsite/article_page.html"  # tests.wagtailsite's (the settings list its templates)

    intro = RichTextField(blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageChooserBlock()),
            ("quote", blocks.StructBlock([("text", blocks.TextBlock()), ("author", blocks.CharBlock(required=False))])),
            ("facts", blocks.ListBlock(blocks.CharBlock())),
            ("related", blocks.PageChooserBlock(required=False)),
        ],
        blank=True,
        use_json_field=True,  # required by Wagtail 5.2, a no-op since 6.0
    )
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    published = models.DateField(null=True, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]


@reversion.register()
class Note(models.Model):
    title = models.CharField(max_length=100)
    text = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2, default=0)

    def __str__(self):
        return self.title
