from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q

from mhhs_governance.forms import apply_bootstrap


class SearchFilterSet(django_filters.FilterSet):
    """Base FilterSet: `q` (and its API alias `search`) matches any of `search_fields`, case-insensitively,
    every word of the query having to match somewhere."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="filter_text", label="Search")
    # The page shows one search box; `search` is the name API clients expect.
    search = django_filters.CharFilter(method="filter_text", widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            # Several values of one field (status=open&status=on_hold) are ticked in a dropdown on the page.
            if isinstance(filter_, django_filters.MultipleChoiceFilter):
                filter_.extra["widget"] = forms.CheckboxSelectMultiple

    def filter_text(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": term}) for f in self.search_fields)))
        return queryset

    @property
    def form(self):
        if not hasattr(self, "_form"):
            apply_bootstrap(super().form)
        return self._form
