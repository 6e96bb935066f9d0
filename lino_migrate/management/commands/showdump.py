"""``manage.py showdump TARGET``: what a dump holds, and whether it is intact."""

from __future__ import annotations

import decimal
from pathlib import Path

from django.core import validators
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from lino_migrate.datafile import read_rows
from lino_migrate.codec import codec_by_name
from lino_migrate.current import current_columns
from lino_migrate.errors import DamagedDumpError, LinoMigrateError
from lino_migrate.management.base import LinoMigrateCommand
from lino_migrate.management.guard import reports_unexpected
from lino_migrate.manifest import Manifest, ModelInfo, read_manifest
from lino_migrate.plan import build_plan
from lino_migrate.text import plural, shown_path
from lino_migrate.verify import file_problem, unlisted_problems


def _count_valid_rows(path: Path, model: ModelInfo) -> int:
    """Read every row of a file, decode every value and run its field's validators; return the count.

    For a file without a checksum (edited by hand): what a restore would refuse
    is found here too, short of the database's own constraints.
    """
    fields = model.fields
    decoders = [codec_by_name(f.codec).decode for f in fields]
    current = current_columns(model.label)
    nan_holds = connections[DEFAULT_DB_ALIAS].vendor == "postgresql"  # numeric holds NaN; no other decimal column does
    rows = 0
    for line_no, values in read_rows(path, len(fields)):
        for f, decode, data in zip(fields, decoders, values):
            if data is None:
                continue
            try:
                value = decode(data)
                field = current.get(f.name)
                if (field is not None and not field.is_relation and f.codec in _VALIDATED_CODECS
                        and not (nan_holds and isinstance(value, decimal.Decimal) and value.is_nan())):
                    _check_storable(field, field.to_python(value))
            except ValidationError as exc:
                raise DamagedDumpError(f"{path.name}, line {line_no}: column {f.attname}: {' '.join(exc.messages)}") from None
            except (TypeError, ValueError, OverflowError, ArithmeticError) as exc:
                raise DamagedDumpError(f"{path.name}, line {line_no}: column {f.attname} ({f.codec}): {exc}") from None
        rows += 1
    return rows


#: Codecs whose values the field's own validators check (max_length, integer range, decimal digits).
_VALIDATED_CODECS = {"int", "float", "decimal", "text"}

#: The validators that say whether the database can store a value at all (not whether it is valid
#: for the application, like an e-mail address: `restore --quick` takes those).
_STORAGE_VALIDATORS = (validators.MaxLengthValidator, validators.MinValueValidator,
                       validators.MaxValueValidator, validators.DecimalValidator)


def _check_storable(field, value) -> None:
    for validator in field.validators:
        if isinstance(validator, _STORAGE_VALIDATORS):
            validator(value)


class Command(LinoMigrateCommand):
    help = """\
Show what a dump holds (stamps, apps and versions, models, files), check every file
against its checksum, and show the plan of a restore into the current code: the
migrators that would run, where each model's rows would go, and every problem."""
    epilog = """\
Reads:  TARGET (restore.py's literals and every data file; nothing from the dump is
        executed) and the current code (models, migrators). Reads no database rows.
Writes: nothing; the report goes to stdout.
Exit status: 0 the dump is intact and fits the current code; 1 the dump is damaged
        or not a dump, or it is intact but does not fit the current code (the
        problems are listed); 2 a wrong option; 130 interrupted (Ctrl-C)."""

    def add_arguments(self, parser):
        parser.add_argument("target", metavar="TARGET", help="A directory written by dump2py.")

    @reports_unexpected("showdump", "Nothing was changed.")
    def handle(self, target, verbosity, **options):
        try:
            manifest = read_manifest(target)
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        self._stamps(manifest)
        self._apps(manifest)
        damaged = self._files(manifest)
        problems = self._fit(manifest)
        if damaged:
            raise CommandError(f"The dump in {shown_path(target)} is damaged: " + "; ".join(damaged))
        unchecked = [name for name, info in manifest.files.items() if info.sha256 is None]
        checked = len(manifest.files) - len(unchecked)
        text = f"The dump is intact: {plural(checked, 'data file')} {'matches its checksum' if checked == 1 else 'match their checksums'}"
        if unchecked:
            text += f", {len(unchecked)} without a checksum (edited) read well"
        self.stdout.write(self.style.SUCCESS(text + "."))
        if problems:
            raise CommandError(
                f"The dump is intact, but does not fit the current code: {plural(len(problems), 'problem')} (see the plan above)."
            )

    def _stamps(self, manifest: Manifest) -> None:
        s = manifest.stamps
        self.stdout.write(self.style.MIGRATE_HEADING(f"Dump {shown_path(manifest.directory)}"))
        for label, value in [
            ("created", manifest.created),
            ("format", s.get("format")),
            ("written by", f"lino-migrate {s.get('lino_migrate')}, Django {s.get('django')}, Python {s.get('python')}"),
            ("settings", s.get("settings_module")),
            ("database", s.get("vendor")),
            ("time zone", f"{s.get('time_zone')} (USE_TZ = {s.get('use_tz')})"),
            ("complete", "yes" if manifest.complete else "no (a partial dump: only its own tables are replaced)"),
            ("left out", ", ".join(s.get("excluded", [])) or "-"),
        ]:
            self.stdout.write(f"  {label + ':':<12} {value}")

    def _apps(self, manifest: Manifest) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING("Apps"))
        for label, info in sorted(manifest.apps.items()):
            last = info.migrations[-1] if info.migrations else "-"
            migrations = plural(len(info.migrations), "migration")
            self.stdout.write(f"  {label:<24} {info.version or 'unversioned':<14} {migrations:>14} (last: {last})")

    def _files(self, manifest: Manifest) -> list[str]:
        self.stdout.write(self.style.MIGRATE_HEADING("Models"))
        damaged = []
        for label in manifest.selected:
            if label in manifest.missing:
                self.stdout.write(self.style.WARNING(f"  {label}: MISSING, its table could not be read: {manifest.missing[label]}"))
                continue
            info = manifest.models[label]
            next_id = manifest.next_ids.get(label)
            next_text = f"  next id {next_id}" if next_id is not None else ""
            self.stdout.write(f"  {label:<40} {plural(info.rows, 'row'):>15}{next_text}  {', '.join(info.files)}")
            for name in info.files:
                problem = self._check_file(manifest, name, info)
                if problem:
                    damaged.append(problem)
                    self.stdout.write(self.style.ERROR(f"    {problem}"))
        for label, why in sorted((manifest.stamps.get("derived") or {}).items()):
            self.stdout.write(f"  {label:<40} not dumped: its table is {why}; the database makes its rows")
        for problem in unlisted_problems(manifest):
            damaged.append(problem)
            self.stdout.write(self.style.ERROR(f"  {problem}"))
        return damaged

    def _check_file(self, manifest: Manifest, name: str, model: ModelInfo) -> str | None:
        problem = file_problem(manifest, name, model)
        info = manifest.files[name]
        if problem or info.sha256 is not None:
            return problem
        try:  # no checksum recorded (an edited file): read and decode every row instead
            rows = _count_valid_rows(manifest.directory / name, model)
        except LinoMigrateError as exc:
            return str(exc)
        if rows != info.rows:
            return f"{name}: {plural(rows, 'row')} where restore.py records {info.rows:,}"
        return None

    def _fit(self, manifest: Manifest) -> list[str]:
        """The plan against the current code: versions, migrators, where rows go, problems."""
        try:
            plan = build_plan(manifest)
        except LinoMigrateError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.MIGRATE_HEADING("Plan against the current code"))
        chains = {chain.app_label: chain for chain in plan.chains}
        for route in plan.routes:  # per app: its versions, its route, the operations of its migrators
            chain = chains.get(route.app_label)
            versions = f" {chain.versions}" if chain and (chain.dumped or chain.installed) else ""
            what = route.summary()
            if chain and chain.migrators and route.kind == "migrators" and not route.problem:
                what = f"migrators {', '.join(m.version for m in chain.migrators)}"
            self.stdout.write(f"  {route.app_label}{versions}: {what}")
            for migrator in chain.migrators if chain else ():
                for operation in migrator.operations:
                    self.stdout.write(f"      {migrator.version}: {operation.describe()}")
        for source in plan.sources:
            self.stdout.write(f"  {source.describe()}")
        if plan.problems:
            self.stdout.write(self.style.WARNING(f"  {plural(len(plan.problems), 'problem')}; the restore would refuse:"))
            for problem in plan.problems:
                self.stdout.write(self.style.WARNING(f"  - {problem}"))
        else:
            self.stdout.write("  Every dumped model and field fits the current code (after the migrators).")
        return plan.problems
