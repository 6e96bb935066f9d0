"""RestoreTestCase as a project using lino-migrate would use it; run by tests/test_migrators.py
with a nested pytest (shelf 2.0 installed, SHELF_DUMPS pointing to stored dumps of 1.0 and 1.1)."""

import os

from django.apps import apps

from lino_migrate.testing import RestoreTestCase


class StoredDumps(RestoreTestCase):
    dumps_dir = os.environ.get("SHELF_DUMPS")
    tested_versions = ["1.0", "1.1"]

    def check_restored(self, version):
        Author = apps.get_model("shelf", "Author")
        assert list(Author.objects.order_by("id").values_list("first_name", "last_name")) == [("Ada", "Lovelace"), ("Homer", "")]
        assert self.last_report.rows["shelf.Book"] == 3
        expected = ["1.1", "2.0"] if version == "1.0" else ["2.0"]
        assert [m.split()[2] for m in self.last_report.migrators] == expected


class MissingVersion(RestoreTestCase):
    dumps_dir = os.environ.get("SHELF_DUMPS")
    tested_versions = ["0.9"]
