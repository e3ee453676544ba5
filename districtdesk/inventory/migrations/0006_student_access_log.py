# The student-data read log (FERPA 34 CFR 99.32) and the record of each student purge.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0005_discrepancy_attachments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StudentPurge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("purged_at", models.DateTimeField(verbose_name="when")),
                (
                    "pseudonym",
                    models.CharField(db_index=True, max_length=40, verbose_name="pseudonym"),
                ),
                (
                    "changed",
                    models.JSONField(
                        default=dict,
                        help_text="Rows changed, by table.",
                        verbose_name="rows changed",
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
            ],
            options={
                "verbose_name": "student purge",
                "verbose_name_plural": "student purges",
                "ordering": ["-purged_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="StudentDataAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("accessed_at", models.DateTimeField(verbose_name="when")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("page", "Asset page"),
                            ("form", "Asset edit form"),
                            ("list", "Asset list"),
                            ("api", "API"),
                            ("csv", "CSV export"),
                            ("xlsx", "Excel export"),
                            ("student_export", "Export of everything held on the student"),
                        ],
                        max_length=20,
                        verbose_name="what was read",
                    ),
                ),
                ("student_id", models.CharField(max_length=40, verbose_name="student ID")),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
                (
                    "asset",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="inventory.asset",
                        verbose_name="asset",
                    ),
                ),
            ],
            options={
                "verbose_name": "student data access",
                "verbose_name_plural": "student data accesses",
                "ordering": ["-accessed_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["student_id", "-accessed_at"], name="student_access_student"
                    ),
                    models.Index(fields=["-accessed_at"], name="student_access_recent"),
                ],
            },
        ),
    ]
