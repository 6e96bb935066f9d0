"""``LM_REPLAYED_AT=0002`` gives the model as it was at 0002, before 0003 added ``label``: the old release
whose dumps the MariaDB replay tests restore (tests/replaydb.py)."""

import os

from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=50)
    size = models.IntegerField(default=0)
    if os.environ.get("LM_REPLAYED_AT") != "0002":
        label = models.CharField(max_length=50, default="")
