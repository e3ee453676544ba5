"""The scanning page's service worker, served as a view so that it carries this release's
static addresses (hashed names in production) and a version that changes with them."""

import hashlib
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# What the scanning page loads, kept on the device when the worker is installed; anything
# else under STATIC_URL (the camera's ZXing, say) is kept the first time it is fetched.
SCANNING_FILES = (
    "favicon.svg",
    "css/districtdesk.css",
    "vendor/htmx/htmx.min.js",
    "css/inventory.css",
    "inventory/scanning.css",
    "inventory/scanning.js",
)


@require_GET
@cache_control(no_cache=True)
def scanning_worker(request: HttpRequest) -> HttpResponse:
    """Public (it holds only static addresses); its scope is the folder it is served from,
    the audits' pages."""
    precache = [static(name) for name in SCANNING_FILES]
    version = hashlib.sha256("\n".join(precache).encode()).hexdigest()[:12]
    script = render_to_string(
        "inventory/scanning_worker.js",
        {
            "version": version,
            "precache_json": json.dumps(precache),
            "static_url_json": json.dumps(settings.STATIC_URL),
        },
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = request.path.rsplit("/", 1)[0] + "/"
    return response
