"""Compile the translation catalogues we write (locale/<language>/LC_MESSAGES/*.po) into the
.mo files Django reads, in pure Python: a machine that runs the set-up script needs no GNU
gettext and no root. A catalogue is compiled only when its .po is newer than its .mo."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    """Every .po under the project's LOCALE_PATHS, in a stable order."""
    found: list[Path] = []
    for root in settings.LOCALE_PATHS:
        found.extend(sorted(Path(root).glob("*/LC_MESSAGES/*.po")))
    return found


def is_stale(po_path: Path, mo_path: Path) -> bool:
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogue(po_path: Path, mo_path: Path) -> int:
    """Write the .mo beside the .po (fuzzy and untranslated entries left out, so they read in
    English); returns how many entries it holds. Written under a temporary name and renamed,
    so a running server never reads half a file."""
    catalogue = polib.pofile(str(po_path))
    partial = mo_path.with_name(f".{mo_path.name}.partial")
    catalogue.save_as_mofile(str(partial))
    partial.replace(mo_path)
    return len(catalogue.translated_entries())


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po whose .mo is missing or older."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Compile every catalogue, even if up to date."
        )

    def handle(self, *args, force: bool, **options) -> None:
        for po_path in catalogues():
            mo_path = po_path.with_suffix(".mo")
            name = po_path.relative_to(po_path.parents[2])
            if not force and not is_stale(po_path, mo_path):
                self.stdout.write(f"{name}: up to date")
                continue
            entries = compile_catalogue(po_path, mo_path)
            self.stdout.write(f"{name}: compiled {entries} translated entries")
