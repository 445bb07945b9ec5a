"""Lists are paged, never cut: one helper for every screen's list (Django's Paginator)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(items, *, page, per_page: int = PER_PAGE) -> Page:
    """The page asked for (a bad or too large number gives the nearest real page, never an error)."""
    return Paginator(items, per_page).get_page(page)
