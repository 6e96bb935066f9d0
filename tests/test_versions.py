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


# A third-party package's own version attribute is the package author's, not the site's:
# one that is not a valid version is passed over (django-reversion's __version__ is a tuple).


def test_a_tuple_of_numbers_as_package_version_is_read_with_dots(monkeypatch):
    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "module", types.SimpleNamespace(__version__=(4, 0, 2)))
    assert app_version(config) == Version("4.0.2")


def test_an_invalid_package_version_falls_back_to_the_distribution(monkeypatch):
    import importlib.metadata

    config = apps.get_app_config("lino_migrate")
    monkeypatch.setattr(config, "module", types.SimpleNamespace(__version__=("dev", "build")))
    assert app_version(config) == Version(importlib.metadata.version("lino-migrate"))


def test_an_app_without_any_valid_version_is_unversioned_with_a_warning(monkeypatch):
    from lino_migrate.versions import UnversionedAppWarning

    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "module", types.SimpleNamespace(__version__="nightly build"))
    with pytest.warns(UnversionedAppWarning, match=r"App 'zoo': no valid PEP 440 version \(tests.zoo.__version__ = 'nightly build'\)"):
        assert app_version(config) is None


def test_an_invalid_appconfig_version_stays_an_error(monkeypatch):
    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "version", (1, "x"), raising=False)
    with pytest.raises(InvalidAppVersion, match=r"App 'zoo': version \(1, 'x'\) \(from .*\.version\)"):
        app_version(config)


@pytest.mark.django_db(transaction=True)
def test_dump2py_dumps_a_site_with_a_tuple_package_version(tmp_path, monkeypatch):
    from lino_migrate.manifest import read_manifest

    config = apps.get_app_config("zoo")
    monkeypatch.setattr(config, "module", types.SimpleNamespace(__version__=(4, 0, 2)))
    call_command("dump2py", str(tmp_path / "dump"), "zoo", interactive=False, verbosity=0)
    assert read_manifest(tmp_path / "dump").apps["zoo"].version == "4.0.2"
