from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)
    size = models.IntegerField(default=0)
    label = models.CharField(max_length=50, default="")
    note = models.TextField(default="")
