"""The held-mail pages for analysts, and the inbound webhook for hosted mail services.
Views parse, call one service or selector, and render."""

import hmac

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districtdesk.core.errors import DomainError
from districtdesk.mailbox import policies, selectors
from districtdesk.mailbox.forms import DiscardForm, HeldRequestForm
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.parsing import parse
from districtdesk.mailbox.services import held
from districtdesk.mailbox.services.filing import inspect_files, summary_of
from districtdesk.mailbox.services.receiving import receive_message
from districtdesk.service_requests.forms import CallerSearchForm

PAGE_SIZE = 50
FIND_CALLER = "find_caller"
# The header a mail service sends the shared secret in (its name, not a secret).
SECRET_HEADER = "X-Mailbox-Secret"  # noqa: S105


def _require_handler(request: HttpRequest) -> None:
    if not policies.can_handle_mail(request.user):
        raise Http404


@login_required
@require_GET
def held_list(request: HttpRequest) -> HttpResponse:
    _require_handler(request)
    page = Paginator(selectors.held_messages(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "mailbox/held_list.html", {"page": page, "active_nav": "mailbox"})


def _detail(
    request: HttpRequest,
    message: InboundMessage,
    *,
    form: HeldRequestForm | None = None,
    discard: DiscardForm | None = None,
    callers=None,
    status: int = 200,
) -> HttpResponse:
    parsed = parse(bytes(message.raw))
    accepted, refused = inspect_files(parsed.files)
    if form is None:
        form = HeldRequestForm(
            initial={"caller_query": message.sender_name, "summary": summary_of(parsed)}
        )
    return render(
        request,
        "mailbox/held_detail.html",
        {
            "message": message,
            "body": parsed.body,
            "files": [upload.name for upload in accepted],
            "refused": refused,
            "form": form,
            "discard": discard or DiscardForm(),
            "callers": callers,
            "searched": FIND_CALLER in request.POST,
            "query": form["caller_query"].value() or "",
            "chosen": form.chosen_requester(),
            "active_nav": "mailbox",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def held_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One email: what it says, and a form to make it a request for the person chosen."""
    message = policies.get_message_for(request.user, pk)
    if request.method == "GET":
        return _detail(request, message)
    if FIND_CALLER in request.POST:
        form = HeldRequestForm(initial=request.POST.dict())
        return _detail(
            request, message, form=form, callers=CallerSearchForm(request.POST).matches()
        )
    form = HeldRequestForm(request.POST)
    if form.is_valid():
        try:
            created = held.create_request_from_held(
                message, actor=request.user, **form.submission()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("Request %(number)s created for %(requester)s.")
                % {"number": created.number, "requester": created.requester},
            )
            return redirect("request_detail", pk=created.pk)
    return _detail(request, message, form=form)


@login_required
@require_POST
def held_discard(request: HttpRequest, pk: int) -> HttpResponse:
    message = policies.get_message_for(request.user, pk)
    form = DiscardForm(request.POST)
    if form.is_valid():
        try:
            held.discard_held(message, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("The email from %(sender)s was discarded.") % {"sender": message.sender_address},
            )
            return redirect("mailbox_held_list")
    return _detail(request, message, discard=form)


# --- The inbound webhook ---------------------------------------------------------------


def _authorised(request: HttpRequest) -> bool:
    expected = settings.MAILBOX_WEBHOOK_SECRET.encode()
    given = request.headers.get(SECRET_HEADER, "").encode()
    return bool(expected) and hmac.compare_digest(given, expected)


def _error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _raw_message(request: HttpRequest, limit: int) -> bytes | None:
    """The message's bytes (at most limit + 1 are read), or None when none was sent."""
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        upload = request.FILES.get("message")
        if upload is not None:
            return upload.read(limit + 1)
        text = request.POST.get("message", "")
        return text.encode() if text else None
    if content_type in ("message/rfc822", "application/octet-stream", "text/plain"):
        return request.read(limit + 1) or None
    return None


@csrf_exempt  # a mail service posts here with the shared secret, never a browser session
@require_POST
def inbound(request: HttpRequest) -> HttpResponse:
    """A hosted mail service posts one raw RFC 822 message: as the body (message/rfc822)
    or as the multipart field "message". Answers 202 with the outcome; a message received
    before answers 200 with the outcome it had."""
    if not _authorised(request):
        return _error(403, _("The mailbox secret is missing or wrong."))
    limit = settings.MAILBOX_MAX_MESSAGE_BYTES
    too_large = _("The message is over the %(limit)s bytes limit.") % {"limit": limit}
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    # A multipart body carries a little more than the message itself.
    if declared > limit + 64 * 1024:
        return _error(413, too_large)
    raw = _raw_message(request, limit)
    if raw is None:
        return _error(
            400, _("Send the message as message/rfc822, or as the multipart field “message”.")
        )
    if len(raw) > limit:
        return _error(413, too_large)
    receipt = receive_message(raw, source=InboundMessage.Source.WEBHOOK, now=timezone.now())
    message = receipt.message
    return JsonResponse(
        {
            "id": message.pk,
            "message_id": message.message_id,
            "outcome": message.outcome,
            "request": message.request.number if message.request_id else None,
            "duplicate": receipt.duplicate,
        },
        status=200 if receipt.duplicate else 202,
    )
