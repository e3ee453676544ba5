"""manage.py purge_student <student_id> --actor <username>: pseudonymise a student
everywhere DistrictDesk holds their ID (services/student_records.purge_student)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from districtdesk.core.errors import DomainError
from districtdesk.inventory.services.student_records import pseudonym_for, purge_student


def actor_named(username: str):
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist as missing:
        raise CommandError(f"No active person signs in as {username!r}.") from missing


class Command(BaseCommand):
    help = (
        "Replace a student's ID by a stable pseudonym in every record that holds it "
        "(assets, history, requests, the read log). Nothing is deleted."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("student_id")
        parser.add_argument(
            "--actor", required=True, help="The system administrator doing it (username)."
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, student_id: str, actor: str, interactive: bool, **options) -> None:
        person = actor_named(actor)
        if interactive:
            answer = input(
                f"Replace student {student_id} by {pseudonym_for(student_id.strip())} "
                "everywhere? This cannot be undone. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was changed.")
        try:
            purge = purge_student(student_id, actor=person)
        except DomainError as refused:
            raise CommandError(refused.message) from refused
        total = sum(purge.changed.values())
        self.stdout.write(f"Student pseudonymised as {purge.pseudonym}: {total} rows changed.")
        for table, count in sorted(purge.changed.items()):
            self.stdout.write(f"  {table}: {count}")
