"""Nasty data for the zoo, and an exact snapshot of a database.

``populate()`` fills every zoo model (and pgzoo on PostgreSQL, and auth/admin
rows) with a deterministic set of hard values. ``snapshot()`` reads back every
row of every concrete model of the compared apps; two snapshots compare equal
only if the data is exactly the same (floats bit for bit, decimals digit for
digit, datetimes as instants). References to ContentType and Permission are
replaced by natural keys, because their ids are remapped by a restore.
"""

from __future__ import annotations

import datetime as dt
import struct
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import connection

SNAPSHOT_APPS = ("zoo", "pgzoo", "auth", "admin", "contenttypes")

UTC = dt.timezone.utc
BRUSSELS = ZoneInfo("Europe/Brussels")
KOLKATA = ZoneInfo("Asia/Kolkata")
ST_JOHNS = ZoneInfo("America/St_Johns")
CHATHAM = ZoneInfo("Pacific/Chatham")
NEW_YORK = ZoneInfo("America/New_York")

# A fixed, valid-looking password hash: make_password() would be salted randomly.
PASSWORD = "pbkdf2_sha256$600000$fixedsalt$2sLs7yMkXUHSlEWsQ8Hh0U3S1xvWZOGlUfY0JkA9vZE="


def vendor() -> str:
    return connection.vendor  # "sqlite", "postgresql" or "mysql"


def nul_ok() -> bool:
    """Whether text columns accept U+0000 (PostgreSQL refuses it)."""
    return vendor() != "postgresql"


def nasty_texts(nul: bool | None = None) -> list[str]:
    """Hard strings; with NUL characters only where the database accepts them."""
    if nul is None:
        nul = nul_ok()
    texts = [
        "",
        " ",
        "plain",
        "trailing spaces   ",
        "quote ' double \" triple ''' \"\"\" end'",
        "back\\slash \\n \\x00 \\u2028 \\",
        "new\nline\r\nCRLF\rCR\ttab\x0bVT\x0cFF",
        "emoji 🦎🐍 family 👩\u200d👩\u200d👧\u200d👦 flag 🇧🇪",
        "line sep \u2028 para sep \u2029 nel \x85",
        "ünïcødé ß Ωμέγα 東京 עברית العربية",
        "%s %(x)s {0} {x} $x ${x}",
        "'''); import os; os.system('echo pwned') #",
        '"""\nprint("pwned")\n"""',
        "controls \x01\x02\x1b\x1f\x7f",
        "\ufeffBOM and \ufffd replacement, noncharacter \uffff",
        "combining e\u0301 vs \u00e9",
        "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd",
    ]
    if nul:
        texts += ["nul \x00 inside", "\x00", "ends with nul\x00"]
    return texts


def nasty_floats() -> list[float]:
    values = [
        0.0,
        # -0.0 is left out: written through Django, all three databases store 0.0
        1.0,
        -1.5,
        0.1,
        1 / 3,
        1e308,
        -1.7976931348623157e308,
        5e-324,
        -5e-324,
        2.2250738585072014e-308,
        2.225073858507201e-308,  # largest subnormal
        123456789.12345679,
        9007199254740993.0,
        1e-7,
        6.02214076e23,
    ]
    if vendor() == "postgresql":
        values += [float("inf"), float("-inf"), float("nan")]
    elif vendor() == "sqlite":
        # SQLite stores infinities as REAL; NaN would become NULL.
        values += [float("inf"), float("-inf")]
    return values


def nasty_decimals() -> list[tuple[Decimal, Decimal]]:
    """Pairs for (max_digits=30, decimal_places=10) and (6, 2) fields."""
    if vendor() == "sqlite":
        # SQLite keeps 15 significant digits of a decimal.
        wide = ["12345.6789012345", "-98765.4321098765", "0.0000000001", "0E-10", "99999999999999.9", "-0.1234567890"]
    else:
        wide = [
            "12345678901234567890.1234567890",
            "-98765432109876543210.9876543210",
            "99999999999999999999.9999999999",
            "0.0000000001",
            "0E-10",
            "-0.1234567890",
        ]
    money = ["9999.99", "-9999.99", "0.01", "1234.50", "0.00", "-0.10"]
    return [(Decimal(w), Decimal(m)) for w, m in zip(wide, money)]


def nasty_datetimes(local_time_safe: bool = False) -> list[dt.datetime]:
    """Aware datetimes with microseconds in several time zones.

    With ``local_time_safe`` leave out values that cannot survive a trip
    through naive local time (USE_TZ=False): the repeated hour of a DST change
    and values at the very ends of the calendar.
    """
    values = [
        dt.datetime(2024, 3, 31, 3, 0, 0, 1, tzinfo=BRUSSELS),  # just after the spring gap
        dt.datetime(2024, 3, 31, 1, 59, 59, 999999, tzinfo=BRUSSELS),  # just before it
        dt.datetime(2000, 1, 1, 0, 0, 0, 999999, tzinfo=UTC),
        dt.datetime(1970, 1, 1, 5, 30, tzinfo=KOLKATA),
        dt.datetime(2021, 7, 4, 12, 0, 0, 500000, tzinfo=ST_JOHNS),
        dt.datetime(2023, 9, 24, 2, 45, 0, 123456, tzinfo=CHATHAM),
        dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC),  # after the 32-bit epoch end
        dt.datetime(1901, 12, 13, 20, 45, 52, 654321, tzinfo=NEW_YORK),
        dt.datetime(2024, 11, 3, 1, 30, 0, 42, tzinfo=NEW_YORK, fold=0),
    ]
    if not local_time_safe:
        values += [
            dt.datetime(2024, 10, 27, 2, 30, 0, 123456, tzinfo=BRUSSELS, fold=0),  # first 02:30 (CEST)
            dt.datetime(2024, 10, 27, 2, 30, 0, 123456, tzinfo=BRUSSELS, fold=1),  # second 02:30 (CET)
            dt.datetime(9999, 12, 31, 22, 59, 59, 999999, tzinfo=UTC),
            dt.datetime(1001, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        ]
    return values


def nasty_dates() -> list[dt.date]:
    return [dt.date(2024, 2, 29), dt.date(1000, 1, 1), dt.date(9999, 12, 31), dt.date(1970, 1, 1), dt.date(2024, 10, 27), dt.date(1582, 10, 15)]


def nasty_times() -> list[dt.time]:
    return [dt.time(0, 0), dt.time(23, 59, 59, 999999), dt.time(12, 34, 56, 789012), dt.time(0, 0, 0, 1), dt.time(2, 30)]


def nasty_durations() -> list[dt.timedelta]:
    return [
        dt.timedelta(0),
        dt.timedelta(microseconds=1),
        dt.timedelta(microseconds=-1),
        dt.timedelta(days=-1, seconds=1),
        dt.timedelta(days=-3650000, microseconds=7),
        dt.timedelta(days=99999999, seconds=86399, microseconds=999999),
        dt.timedelta(days=-99999999),
        dt.timedelta(hours=25, minutes=61, seconds=61),
    ]


def nasty_json() -> list:
    deep: object = "bottom"
    for i in range(12):  # MariaDB JSON_VALID refuses nesting deeper than 32
        deep = [deep, {"level": i}]
    texts = [t for t in nasty_texts() if "\x00" not in t or vendor() != "postgresql"]
    return [
        {
            "unicode": "ünï 🦎 \u2028 \u2029 \"q\" 'q' \\",
            "big": 2**70,
            "neg_big": -(2**70),
            "max_int64": 2**63 - 1,
            "nested": [[[]], {}, None, True, False, 1.5, "x", 0, -1],
            "": "empty key",
            "key with \"quotes\" and 🦎": {"a": {"b": {"c": [1, 2, 3]}}},
            "float": 0.1,
            "small": 1e-7,
        },
        [1, "two", 3.0, None, True, [False]],
        "just a string",
        12345678901234567890123,
        0,
        -0.5,
        True,
        False,
        [],
        {},
        {"texts": texts},
        {"deep": deep},
    ]


def nasty_binaries() -> list[bytes]:
    return [bytes(range(256)), b"", b"\x00", bytes(range(255, -1, -1)) * 3, "🦎 ünï\n\\'\"".encode(), b"\x00" * 17 + b"\xff"]


def _bulk(model, rows):
    return [model.objects.create(**row) for row in rows]


def populate(local_time_safe: bool = False) -> None:
    """Fill the zoo with deterministic nasty values (see the module docstring)."""
    from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType

    from tests.zoo import models as z

    texts = nasty_texts()
    datetimes = nasty_datetimes(local_time_safe)

    # primary keys
    z.AutoPk.objects.create(id=7, name="seven")
    z.AutoPk.objects.create(id=1000000, name="million")
    z.AutoPk.objects.create(id=1000001, name="next after million")  # explicit: sequences may lag behind explicit ids
    z.BigAutoPk.objects.create(id=2**40, name="2**40")
    z.BigAutoPk.objects.create(id=1, name="one")
    z.SmallAutoPk.objects.create(id=30000, name="30000")
    z.SmallAutoPk.objects.create(id=2, name="two")
    uuid_pks = [
        z.UuidPk.objects.create(id=uuid.UUID(int=0), name="nil"),
        z.UuidPk.objects.create(id=uuid.UUID(int=2**128 - 1), name="max"),
        z.UuidPk.objects.create(id=uuid.UUID("12345678-1234-5678-1234-567812345678"), name="fixed"),
    ]
    for i, owner in enumerate(uuid_pks * 2):
        z.UuidOwned.objects.create(owner=owner, name=f"owned {i}")

    # scalars
    z.Numbers.objects.create(
        small_integer=-32768,
        positive_integer=2147483647,
        positive_small_integer=32767,
        positive_big_integer=9223372036854775807,
        big_integer=-9223372036854775808,
        integer=-2147483648,
        nullable_integer=None,
    )
    z.Numbers.objects.create(
        small_integer=32767,
        positive_integer=0,
        positive_small_integer=0,
        positive_big_integer=0,
        big_integer=9223372036854775807,
        integer=2147483647,
        nullable_integer=0,
    )
    z.Numbers.objects.create(
        small_integer=0, positive_integer=1, positive_small_integer=1, positive_big_integer=2**53 + 1,
        big_integer=-(2**53) - 1, integer=-1, nullable_integer=-2147483648,
    )
    floats = nasty_floats()
    for i, value in enumerate(floats):
        z.Floats.objects.create(float_value=value, nullable_float=None if i % 3 == 0 else floats[-1 - i])
    for i, (wide, money) in enumerate(nasty_decimals()):
        z.Decimals.objects.create(wide_decimal=wide, money=money, nullable_decimal=None if i % 2 else Decimal("-12345678.0001"))
    for boolean in (True, False):
        for nullable in (True, False, None):
            z.Flags.objects.create(boolean=boolean, nullable_boolean=nullable)
    ips = ["127.0.0.1", "2001:db8::1", "::ffff:192.0.2.128", "fe80::1:2:3:4", None, "255.255.255.255"]
    for i, text in enumerate(texts):
        z.Texts.objects.create(
            char=text,
            nullable_char=None if i % 4 == 0 else text[::-1],
            text=text * 3 + "\n" + "x" * 5000 if i == 3 else text,
            slug=f"slug-{i}-ünï_ok",
            email=f"user.{i}+tag@exämple.com",
            url=f"https://exämple.com/päth/{i}?q=a%20b&x='y'#frag",
            file_path=f"/tmp/dïr/file {i}.txt",
            ip_address=ips[i % len(ips)],
        )
    for i, moment in enumerate(datetimes):
        z.Moments.objects.create(
            date=nasty_dates()[i % len(nasty_dates())],
            date_time=moment,
            time=nasty_times()[i % len(nasty_times())],
            duration=nasty_durations()[i % len(nasty_durations())],
            nullable_date_time=None if i % 2 else datetimes[-1 - i],
        )
    for i, duration in enumerate(nasty_durations()):  # every duration at least once
        z.Moments.objects.create(date=dt.date(2020, 1, 1), date_time=datetimes[0], time=dt.time(1, 2, 3), duration=duration)
    z.Identifiers.objects.create(uuid=uuid.UUID(int=0), nullable_uuid=None)
    z.Identifiers.objects.create(uuid=uuid.UUID(int=2**128 - 1), nullable_uuid=uuid.UUID("00000000-0000-4000-8000-000000000001"))
    for i, blob in enumerate(nasty_binaries()):
        z.Blobs.objects.create(binary=blob, nullable_binary=None if i % 2 else blob[::-1])
    for i, doc in enumerate(nasty_json()):
        z.JsonDoc.objects.create(document=doc, nullable_document=None if i % 2 else {"i": i, "doc": doc})
    z.Attachment.objects.create(upload="uploads/ä file's \"name\".txt", optional_upload="")
    z.Attachment.objects.create(upload="uploads/sub/dir/🦎.bin", optional_upload="uploads/x.pdf")
    for i in range(0, len(texts), 3):
        z.Custom.objects.create(words=z.StringList(texts[i : i + 3]), nullable_words=None if i % 2 else z.StringList([]))

    # relations
    orphan = z.Node.objects.create(name="created first, parent comes later")
    root = z.Node.objects.create(name="root 🌳")
    children = [z.Node.objects.create(name=f"child {i}", parent=root) for i in range(3)]
    grandchild = z.Node.objects.create(name="grandchild", parent=children[1])
    orphan.parent = grandchild  # points to a row with a higher pk
    orphan.save()
    selfish = z.Node.objects.create(name="its own parent")
    selfish.parent = selfish
    selfish.save()

    countries = [
        z.Country.objects.create(code="BE", name="Belgium"),
        z.Country.objects.create(code="x'y\"z", name="Quotes"),
        z.Country.objects.create(code="ÜÑ🦎", name="Unicode"),
    ]
    for i, country in enumerate(countries * 2):
        z.City.objects.create(country=country, name=f"{texts[i + 5]} city")

    people = [z.Person.objects.create(name=text or "nobody") for text in texts[:6]]
    for person in people[::2]:
        z.Passport.objects.create(person=person, number=f"P{person.pk:06}")
    for person in people[1:4]:
        z.Profile.objects.create(person=person, bio=f"bio of {person.name}")

    a1 = z.CycleA.objects.create(name="a1")
    b1 = z.CycleB.objects.create(name="b1", a=a1)
    a1.b = b1
    a1.save()
    a2 = z.CycleA.objects.create(name="a2 alone")
    z.CycleB.objects.create(name="b2 alone")
    b3 = z.CycleB.objects.create(name="b3 -> a2", a=a2)
    z.CycleA.objects.create(name="a3 -> b3", b=b3)

    for i, moment in enumerate(datetimes[:4]):
        stamped = z.Stamped.objects.create(name=f"stamped {i}")
        z.Stamped.objects.filter(pk=stamped.pk).update(
            created=moment,
            modified=datetimes[-1 - i],
            created_day=dt.date(2001, 2, 3 + i),
            modified_time=dt.time(4, 5, 6, 7 + i),
        )

    tags = [z.Tag.objects.create(name=name) for name in ("red", "grün", "🦎", "unused")]
    authors = [z.Author.objects.create(name=name) for name in ("Ada", "Борис", "O'Brien")]
    books = [z.Book.objects.create(title=text or "untitled") for text in texts[2:7]]
    books[0].tags.set(tags[:3])
    books[2].tags.set([tags[2]])
    books[3].tags.set([tags[1], tags[0]])
    position = 0
    for book in books[:4]:
        for role, author in zip(("writer", "editor", "translator"), authors):
            position += 1
            z.Authorship.objects.create(book=book, author=author, role=role, position=position)
    z.Authorship.objects.create(book=books[0], author=authors[0], role="writer again", position=999)

    places = [
        z.ItalianRestaurant.objects.create(name="Da Mario", address="Via Roma 1\nRoma", serves_hot_dogs=False, seats=40, serves_gnocchi=True, oven_temperature=485.5),
        z.Place.objects.create(name="Just a place", address="Nowhere"),
        z.Restaurant.objects.create(name="Hot dog stand", address="Corner", serves_hot_dogs=True, seats=None),
        z.PlaceProxy.objects.create(name="Proxy place", address="Proxy street"),
        z.ItalianRestaurant.objects.create(name="Luigi's", address="'quoted'", seats=0, serves_gnocchi=False, oven_temperature=None),
    ]

    # auth, contenttypes and admin
    def perm(codename, app_label="zoo"):
        return Permission.objects.get(codename=codename, content_type__app_label=app_label)

    editors = Group.objects.create(name="editors ✍")
    editors.permissions.set([perm("add_book"), perm("change_book"), perm("view_person"), perm("change_user", "auth")])
    readers = Group.objects.create(name="readers")
    readers.permissions.set([perm("view_book"), perm("view_logentry", "admin")])
    Group.objects.create(name="empty group")
    users = []
    for i, (name, first) in enumerate([("ädmin", "Ådä"), ("o.brien", "O'\"Brien\""), ("ünï_用户", "lizard 🦎\nnewline")]):
        users.append(
            User.objects.create(
                username=name,
                password=PASSWORD,
                first_name=first,
                last_name=texts[i + 4],
                email=f"{i}@example.com",
                is_staff=i == 0,
                is_superuser=i == 0,
                is_active=i != 2,
                date_joined=datetimes[i],
                last_login=None if i == 2 else datetimes[-1 - i],
            )
        )
    users[0].groups.set([editors, readers])
    users[1].groups.set([readers])
    users[1].user_permissions.set([perm("delete_book"), perm("add_tag"), perm("view_session", "sessions")])
    users[2].user_permissions.set([perm("change_taggeditem")])

    ct = ContentType.objects.get_for_model
    for i, (flag, obj) in enumerate([(ADDITION, books[0]), (CHANGE, people[1]), (DELETION, places[0]), (CHANGE, users[1])]):
        LogEntry.objects.create(
            action_time=datetimes[i],
            user=users[i % 2],
            content_type=ct(obj, for_concrete_model=False) if i != 2 else ct(z.PlaceProxy, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=f"{obj} {texts[i + 5]}"[:200],
            action_flag=flag,
            change_message='[{"changed": {"fields": ["Title"]}}]' if flag == CHANGE else "",
        )
    LogEntry.objects.create(
        action_time=datetimes[1], user=users[0], content_type=None, object_id=None, object_repr="no content type", action_flag=CHANGE, change_message="free text 🦎",
    )

    tagged = [books[0], books[3], people[0], root, grandchild, places[0], places[2], users[2], editors, authors[1], a1, b1]
    for i, obj in enumerate(tagged):
        z.TaggedItem.objects.create(label=f"tag {i} {texts[i % len(texts)]}"[:100], content_object=obj)
    z.TaggedItem.objects.create(label="proxy model content type", content_type=ct(z.PlaceProxy, for_concrete_model=False), object_id=places[3].pk)

    z.Role.objects.create(name="no permission", main_permission=None, scope=None)
    boss = z.Role.objects.create(name="boss", main_permission=perm("delete_book"), scope=ct(z.Book))
    boss.permissions.set([perm("add_book"), perm("delete_user", "auth"), perm("view_contenttype", "contenttypes")])
    clerk = z.Role.objects.create(name="clerk", main_permission=perm("view_group", "auth"), scope=ct(User))
    clerk.permissions.set([perm("view_taggeditem")])

    if apps.is_installed("tests.pgzoo"):
        populate_pg(local_time_safe)


def populate_pg(local_time_safe: bool = False) -> None:
    from django.db.backends.postgresql.psycopg_any import DateRange, DateTimeTZRange, NumericRange

    from tests.pgzoo import models as p

    texts = nasty_texts(nul=False)
    datetimes = nasty_datetimes(local_time_safe)
    p.PgArrays.objects.create(integers=[], texts=[], nested=[], nested_texts=None)
    p.PgArrays.objects.create(
        integers=[-2147483648, 0, 2147483647],
        texts=texts + ["NULL", "{}", "{a,b}", '"', ","],
        nested=[[1, 2], [3, 4], [5, 6]],
        nested_texts=[["a,b", '"q"'], ["{x}", "\\"]],
    )
    p.PgArrays.objects.create(integers=[1], texts=None, nested=[[7]], nested_texts=[["🦎"]])
    p.PgHStore.objects.create(data={}, nullable_data=None)
    p.PgHStore.objects.create(
        data={"a": "1", "quote\"key": "va'lue", "🦎": "ünï", "null value": None, "=>": "\\", "": "empty key", "nl": "x\ny"},
        nullable_data={"k": None},
    )
    p.PgRanges.objects.create()
    p.PgRanges.objects.create(
        integer_range=NumericRange(-5, 10),
        decimal_range=NumericRange(Decimal("-1.5"), Decimal("12345678901234567890.123456789"), "(]"),
        date_time_range=DateTimeTZRange(datetimes[2], datetimes[0], "[]"),
        date_range=DateRange(dt.date(2000, 1, 1), dt.date(2024, 2, 29)),
    )
    p.PgRanges.objects.create(
        integer_range=NumericRange(None, 3),
        decimal_range=NumericRange(Decimal("0.1"), None),
        date_time_range=DateTimeTZRange(datetimes[3], None, "()"),
        date_range=DateRange(None, None),
    )
    p.PgRanges.objects.create(
        integer_range=NumericRange(empty=True),
        decimal_range=NumericRange(empty=True),
        date_time_range=DateTimeTZRange(empty=True),
        date_range=DateRange(empty=True),
    )


# --- snapshot ------------------------------------------------------------------


def normalize(value):
    """A value that compares equal only to an exactly equal value."""
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, float):
        return ("float", struct.pack(">d", value))
    if isinstance(value, Decimal):
        return ("decimal", str(value))
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return ("naive datetime", value.isoformat())
        return ("datetime", value.astimezone(UTC).isoformat())
    if isinstance(value, (memoryview, bytearray)):
        return ("bytes", bytes(value))
    if isinstance(value, bytes):
        return ("bytes", value)
    if isinstance(value, dict):
        return ("dict", tuple(sorted((normalize(k), normalize(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(normalize(v) for v in value))
    if is_psycopg3:
        from psycopg.types.range import Range

        if isinstance(value, Range):
            if value.isempty:
                return ("range", "empty")
            return ("range", normalize(value.lower), normalize(value.upper), value.bounds)
    return value


def natural_keys() -> tuple[dict, dict]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    cts = {pk: (app_label, model) for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")}
    perms = {pk: (codename, *cts[ct]) for pk, codename, ct in Permission.objects.values_list("pk", "codename", "content_type")}
    return cts, perms


def snapshot(app_labels=SNAPSHOT_APPS) -> dict[str, list[tuple]]:
    """label -> rows (tuples of every local concrete field value) ordered by pk."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    cts, perms = natural_keys()
    mapped = {ContentType: cts, Permission: perms}
    result: dict[str, list[tuple]] = {}
    for app_label in app_labels:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            fields = meta.local_concrete_fields
            converters = []
            for field in fields:
                if field.primary_key and model in mapped:
                    converters.append(mapped[model].__getitem__)
                elif field.is_relation and field.related_model in mapped:
                    table = mapped[field.related_model]
                    converters.append(lambda v, table=table: None if v is None else table[v])
                else:
                    converters.append(normalize)
            rows = [
                tuple(convert(v) for convert, v in zip(converters, row))
                for row in model._base_manager.order_by("pk").values_list(*[f.attname for f in fields])
            ]
            if model in mapped:
                rows.sort(key=repr)
            result[meta.label_lower] = rows
    return result


def diff(before: dict, after: dict) -> str:
    """A readable description of the differences between two snapshots."""
    lines = []
    for label in sorted(set(before) | set(after)):
        b, a = before.get(label), after.get(label)
        if b == a:
            continue
        if b is None or a is None:
            lines.append(f"{label}: only in {'after' if b is None else 'before'}")
            continue
        lines.append(f"{label}: {len(b)} rows before, {len(a)} after")
        for i, (rb, ra) in enumerate(zip(b, a)):
            if rb != ra:
                lines.append(f"  row {i}:\n    before {rb!r}\n    after  {ra!r}")
                if len(lines) > 40:
                    return "\n".join(lines)
        for extra in b[len(a) :]:
            lines.append(f"  missing {extra!r}")
        for extra in a[len(b) :]:
            lines.append(f"  extra   {extra!r}")
    return "\n".join(lines[:200])
