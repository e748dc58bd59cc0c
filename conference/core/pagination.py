"""One page of a longer list: the organisers' lists page in SQL, the JSON API pages a list it holds.

`sql_page` counts, then reads one page with LIMIT/OFFSET, and shows the last page for a number past the end
(a page of a list that shrank meanwhile). `list_page` slices a list the caller holds and keeps the number
asked for, so an API client past the end gets an empty page with the totals to find its way back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select

Item = TypeVar("Item")


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` items fill; an empty list still has its one (empty) page."""
    return max(1, -(-total // per_page))


@dataclass(frozen=True)
class ListPage(Generic[Item]):
    items: list[Item]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        """The 1-based position of the page's first item ("Showing 51–100 of 230"), 0 for an empty list."""
        return self.offset + 1 if self.total else 0

    @property
    def last_number(self) -> int:
        return self.offset + len(self.items)


def sql_page(
    query: Select, read: Callable[[Select], list[Item]], *, total: int, page: int, per_page: int
) -> ListPage[Item]:
    """The page of `query` (whose rows number `total`) that `read` turns into items; a page before the
    first gives the first, one past the end the last."""
    page = min(max(page, 1), page_count(total, per_page))
    items = read(query.offset((page - 1) * per_page).limit(per_page))
    return ListPage(items, page, per_page, total)


def list_page(items: Sequence[Item], page: int, per_page: int) -> ListPage[Item]:
    """The slice of `items` on page `page` (1-based), empty past the end."""
    start = (page - 1) * per_page
    return ListPage(list(items[start : start + per_page]), page, per_page, len(items))
