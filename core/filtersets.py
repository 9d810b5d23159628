from functools import reduce
from operator import and_, or_

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import clock
from core.forms import apply_bootstrap, restrict_choices

# Words of a search that are read; a longer query is cut, rather than one condition per word without end.
MAX_SEARCH_TERMS = 12


class MomentField(forms.CharField):
    """A moment as the clock reads it — a date, an ISO 8601 date-time or a meeting ref the reader may see —
    cleaned to an aware datetime. Typed as text, with the recent meetings offered by the page's datalist."""

    widget = forms.TextInput(attrs={"list": "meeting-moments", "placeholder": "YYYY-MM-DD or PSG36"})

    def __init__(self, *, user=None, param: str = clock.AS_OF, **kwargs):
        super().__init__(**kwargs)
        self.user, self.param = user, param

    def to_python(self, value):
        try:
            return clock.moment(super().to_python(value), user=self.user, param=self.param)
        except clock.MomentError as unreadable:
            raise forms.ValidationError(unreadable.message) from None


@extend_schema_field(OpenApiTypes.STR)
class MomentFilter(django_filters.Filter):
    """A moment that changes what is shown rather than which rows (e.g. `since` for score movement)."""

    field_class = MomentField
    selects_rows = False  # so it is kept as of a moment too (core.clock.as_of_filterset)

    @property
    def field(self):
        # Built for each FilterSet, as the reader matters: a meeting ref resolves only to a meeting they may see.
        request = getattr(getattr(self, "parent", None), "request", None)
        return MomentField(label=self.label, user=getattr(request, "user", None), param=self.field_name, **self.extra)

    def filter(self, qs, value):
        return qs


class SearchFilterSet(django_filters.FilterSet):
    """Base FilterSet: `q` (and its API alias `search`) matches any of `search_fields`, case-insensitively,
    every word of the query having to match somewhere."""

    search_fields: tuple[str, ...] = ()
    # The moment the records are read as of (core.clock.as_of_filterset), None for now.
    as_of = None

    q = django_filters.CharFilter(method="filter_text", label="Search")
    # The page shows one search box; `search` is the name API clients expect.
    search = django_filters.CharFilter(method="filter_text", widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            # The API schema (drf-spectacular) reads the class's own filters' form fields, which django-filter then
            # keeps (`_field`) and the copies each FilterSet makes would share: built without this FilterSet's
            # model (the label) or widget. Each FilterSet builds its own.
            vars(filter_).pop("_field", None)
            # Several values of one field (status=open&status=on_hold) are ticked in a dropdown on the page.
            if isinstance(filter_, django_filters.MultipleChoiceFilter):
                filter_.extra["widget"] = forms.CheckboxSelectMultiple

    def filter_text(self, queryset, name, value):
        # Every word must match somewhere; past the first few, words add cost and no precision.
        terms = value.split()[:MAX_SEARCH_TERMS]
        if not terms:
            return queryset
        return queryset.filter(
            reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": t}) for f in self.search_fields)) for t in terms))
        )

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # A filter picking a record offers, and reads, only those the reader may see.
            restrict_choices(apply_bootstrap(super().form), getattr(self.request, "user", None))
        return self._form
