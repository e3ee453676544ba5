"""Who read which student's data (FERPA 34 CFR 99.32): the read log, for system
administrators, newest first and filterable by the student's ID."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districtdesk.core.models import Person
from districtdesk.inventory import policies
from districtdesk.inventory.models import StudentDataAccess

PAGE_SIZE = 100
MAX_PAGES = 50


def student_reads_for(person: Person, *, student_id: str = "") -> QuerySet[StudentDataAccess]:
    """The read log as a person may see it (all of it, or nothing), for one student if
    given (the exact ID, as stored)."""
    if not policies.can_read_student_access_log(person):
        return StudentDataAccess.objects.none()
    reads = StudentDataAccess.objects.select_related("actor", "asset")
    return reads.filter(student_id=student_id) if student_id else reads


@login_required
@require_GET
def student_access_log(request: HttpRequest) -> HttpResponse:
    if not policies.can_read_student_access_log(request.user):
        raise Http404
    student_id = request.GET.get("student", "").strip()[:40]
    try:
        wanted = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGES)
    except ValueError:
        wanted = 1
    reads = student_reads_for(request.user, student_id=student_id)
    return render(
        request,
        "inventory/student_access_log.html",
        {
            "page": Paginator(reads.order_by("-accessed_at", "-id"), PAGE_SIZE).get_page(wanted),
            "student_id": student_id,
            "query_string": f"student={student_id}" if student_id else "",
            "max_pages": MAX_PAGES,
            "max_rows": MAX_PAGES * PAGE_SIZE,
            "active_nav": "inventory",
        },
    )
