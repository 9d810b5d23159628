"""The dashboard's RAG donuts: each a title and its chart, drawn by core.charts.donut_figure as the papers draw
theirs."""

from typing import NamedTuple

from django.utils.safestring import SafeString

from core.charts import donut_figure


class Donut(NamedTuple):
    """A titled donut, (title, chart from core.charts.donut), that a template shows by its figure."""

    title: str
    chart: dict

    @property
    def figure(self) -> SafeString:
        return donut_figure(self.chart, self.title)
