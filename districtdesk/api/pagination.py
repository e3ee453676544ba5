from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """Keyset pages: the cost of page N does not grow with N, even over a million rows."""

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200
