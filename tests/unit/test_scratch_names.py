"""The databases a MariaDB replay restore builds in (restore/scratch.py): names within MariaDB's 64 characters."""

from __future__ import annotations

from lino_migrate.restore.scratchnames import ScratchNames


def test_names_beside_the_target():
    names = ScratchNames.of("shop")
    assert (names.scratch, names.trash) == ("shop__lm_replay", "shop__lm_trash")
    assert names.grant_pattern == "shop\\_\\_lm\\_%"  # `_` is a wildcard in GRANT ... ON `db`.*


def test_long_names_are_shortened_and_stay_apart():
    first, second = ScratchNames.of("a" * 60 + "_one"), ScratchNames.of("a" * 60 + "_two")
    for names in (first, second):
        assert max(len(names.scratch), len(names.trash), len(names.lock)) <= 64
        assert names.scratch.startswith("a" * 43) and names.scratch.endswith("__lm_replay")
    assert first.scratch != second.scratch and first.lock != second.lock
    assert ScratchNames.of("b" * 52).scratch == "b" * 52 + "__lm_replay"  # 63 characters: kept whole


def like(pattern: str):
    """How MariaDB reads the database part of GRANT ... ON `pattern`.*: ``\\x`` is x, ``%`` any text, ``_`` one character."""
    import re

    parts = re.findall(r"\\.|%|_|[^\\%_]+", pattern)
    regex = "".join(re.escape(p[1]) if p.startswith("\\") else ".*" if p == "%" else "." if p == "_" else re.escape(p)
                    for p in parts)
    return re.compile(f"^{regex}$")


def test_the_grant_pattern_covers_both_databases_only():
    names = ScratchNames.of("my_db%x")
    pattern = like(names.grant_pattern)
    assert pattern.match(names.scratch) and pattern.match(names.trash)
    assert not pattern.match("my_db%x") and not pattern.match("myXdb%x__lm_replay") and not pattern.match("my_dbYx__lm_replay")
