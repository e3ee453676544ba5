from django.urls import path

from districtdesk.acquisitions.views import (
    approvals,
    delegations,
    queues,
    receiving,
    requests,
)

urlpatterns = [
    path("", requests.technology_list, name="technology_list"),
    path("new/", requests.technology_new, name="technology_new"),
    path("check/", requests.technology_check, name="technology_check"),
    path("review/", queues.technology_review, name="technology_review"),
    path("approvals/", approvals.technology_approvals, name="technology_approvals"),
    path("delegations/", delegations.technology_delegations, name="technology_delegations"),
    path(
        "delegations/<int:pk>/revoke/",
        delegations.technology_delegation_revoke,
        name="technology_delegation_revoke",
    ),
    path("funding/", queues.technology_funding, name="technology_funding"),
    path("receiving/", queues.technology_receiving, name="technology_receiving"),
    path("standards/", queues.technology_standards, name="technology_standards"),
    path("<int:pk>/", requests.technology_detail, name="technology_detail"),
    path("<int:pk>/receive/", receiving.technology_receive, name="technology_receive"),
    path(
        "<int:pk>/receive/count/",
        receiving.technology_receive_count,
        name="technology_receive_count",
    ),
    # One small POST-only view per workflow step, each calling one service.
    *(
        path(f"<int:pk>/{step}/", requests.act, {"step": step}, name=f"technology_{step}")
        for step in requests.ACTIONS
    ),
]
