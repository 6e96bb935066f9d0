"""Which version each app has: the lookup order, and clear errors for invalid versions."""

import types

import django
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings
from packaging.version import Version

from lino_migrate import __version__
from lino_migrate.versions import InvalidAppVersion, app_version, installed_versions


def test_django_contrib_apps_have_djangos_version():
    assert app_version(apps.get_app_config("auth")) == Version(django.__version__)
    assert app_version(apps.get_app_config("contenttypes")) == Version(django.__version__)


def test_package_version_is_found():
    assert app_version(apps.get_app_config("lino_migrate")) == Version(__version__)


def test_unversioned_app_is_none():
    assert app_version(apps.get_app_config("zoo")) is None


def test_setting_comes_first(monkeypatch):
    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "version", "1.5", raising=False)
    assert app_version(config) == Version("1.5")
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "2.0.1"}):
        assert app_version(config) == Version("2.0.1")


def test_appconfig_attribute_comes_before_the_package(monkeypatch):
    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "module", types.SimpleNamespace(__version__="3.0"))
    assert app_version(config) == Version("3.0")
    monkeypatch.setattr(config, "version", "3.1", raising=False)
    assert app_version(config) == Version("3.1")


def test_invalid_version_names_the_app_and_where_it_came_from():
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "one point two"}):
        with pytest.raises(InvalidAppVersion) as info:
            installed_versions()
    assert "'zoo'" in str(info.value) and "'one point two'" in str(info.value)
    assert "LINO_MIGRATE_VERSIONS" in str(info.value)


@pytest.mark.django_db(transaction=True)
def test_dump2py_refuses_an_invalid_version_before_writing(tmp_path):
    target = tmp_path / "dump"
    with override_settings(LINO_MIGRATE_VERSIONS={"zoo": "v1.x"}):
        with pytest.raises(CommandError, match=r"App 'zoo': version 'v1.x'.*not a valid PEP 440"):
            call_command("dump2py", str(target), interactive=False, verbosity=0)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == []
