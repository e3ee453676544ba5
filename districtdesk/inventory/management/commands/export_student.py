"""manage.py export_student <student_id> --actor <username> [--output FILE]: every record
that mentions a student, as JSON (services/student_records.export_student)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from districtdesk.core.errors import DomainError
from districtdesk.inventory.management.commands.purge_student import actor_named
from districtdesk.inventory.services.student_records import export_student


class Command(BaseCommand):
    help = "Write every record that mentions a student as JSON (a parent's inspection request)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("student_id")
        parser.add_argument(
            "--actor", required=True, help="The system administrator doing it (username)."
        )
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, student_id: str, actor: str, output: str | None, **options) -> None:
        try:
            export = export_student(student_id, actor=actor_named(actor))
        except DomainError as refused:
            raise CommandError(refused.message) from refused
        text = json.dumps(export, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            self.stderr.write(f"{len(export['records'])} records written to {output}.")
        else:
            self.stdout.write(text)
