"""The translation catalogues: compiled in pure Python into what Django reads, and every
translation keeps its English placeholders (a lost or renamed one breaks the page or email
that shows it)."""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings as project_settings
from django.core.management import call_command
from django.utils import translation

CATALOGUES = sorted(Path(project_settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))
# %(name)s / %(count)d (gettext and blocktranslate), bare %s / %d, and {name} (str.format).
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[^{}\s]*\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.fixture
def spanish_copy(tmp_path, settings) -> Path:
    """The Spanish catalogue in a locale directory of its own."""
    directory = tmp_path / "es" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    po = directory / "django.po"
    shutil.copy(Path(project_settings.BASE_DIR, "locale", "es", "LC_MESSAGES", "django.po"), po)
    # Changing LOCALE_PATHS also empties Django's cache of loaded catalogues.
    settings.LOCALE_PATHS = [tmp_path]
    return po


def test_there_is_a_spanish_catalogue():
    assert "es" in [path.parts[-3] for path in CATALOGUES]


def test_the_command_writes_a_catalogue_that_django_reads(spanish_copy):
    call_command("compile_catalogues", stdout=StringIO())

    assert spanish_copy.with_suffix(".mo").exists()
    with translation.override("es"):
        assert translation.gettext("Mark all as read") == "Marcar todas como leídas"
        assert translation.gettext("Hello %(name)s,") % {"name": "Ana"} == "Hola, Ana:"
        one = "You have %(counter)s unread notification."
        many = "You have %(counter)s unread notifications."
        assert translation.ngettext(one, many, 1) % {"counter": 1} == (
            "Tiene 1 notificación sin leer."
        )
        assert translation.ngettext(one, many, 3) % {"counter": 3} == (
            "Tiene 3 notificaciones sin leer."
        )
    with translation.override("en"):
        assert translation.gettext("Mark all as read") == "Mark all as read"


def test_it_compiles_only_a_catalogue_newer_than_its_compiled_file(spanish_copy, capsys):
    call_command("compile_catalogues")
    assert "compiled" in capsys.readouterr().out
    mo = spanish_copy.with_suffix(".mo")
    compiled_at = mo.stat().st_mtime

    call_command("compile_catalogues")
    assert "up to date" in capsys.readouterr().out
    assert mo.stat().st_mtime == compiled_at

    os.utime(spanish_copy, (compiled_at + 10, compiled_at + 10))
    call_command("compile_catalogues")
    assert "compiled" in capsys.readouterr().out


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_translation_keeps_its_placeholders(path):
    catalogue = polib.pofile(str(path))
    wrong = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural.items())
            expected = [entry.msgid] + [entry.msgid_plural] * (len(forms) - 1)
            pairs = [(english, text) for english, (_, text) in zip(expected, forms, strict=True)]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        wrong.extend(
            (english, text)
            for english, text in pairs
            if placeholders(english) != placeholders(text)
        )
    assert wrong == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_plural_entries_have_every_form_the_header_names(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
