"""Long lists in pages. A province has 11 districts and fits on one page; a national
programme has about 880, which no phone should download at once."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator


def page_of(request, items) -> Page:
    """The page of `items` that `?page=` asks for (LIST_PAGE_SIZE rows); a missing or bad
    number gives the first page, one past the end the last."""
    return Paginator(items, settings.LIST_PAGE_SIZE).get_page(request.GET.get("page"))
