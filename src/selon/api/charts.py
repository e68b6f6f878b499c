"""The Vega-Lite specifications of the pages' charts, built from the corpus views' rows.

Each chart is values over publication dates with one mark per source (its colour and its shape
both say which source, so colour is never the only signal), and a tooltip naming the article.
The pages put the specification in a ``data-spec`` attribute; ``static/charts.js`` renders it.
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def _base(title: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "config": {"font": "system-ui, sans-serif"},
    }


def figure_chart(title: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures (``value``, ``published``, ``source``, ``document``, ``figure``) as points over dates."""
    values = [
        {
            "published": r["published"],
            "value": r["value"],
            "source": r["source"],
            "document": r["document"],
            "figure": r.get("figure") or r.get("text"),
            "outlet": r.get("outlet") or "",
        }
        for r in rows
        if r.get("published") and r.get("value") is not None
    ]
    spec = _base(title, values)
    spec["mark"] = {"type": "point", "filled": True, "size": 120}
    spec["encoding"] = {
        "x": {"field": "published", "type": "temporal", "title": "published"},
        "y": {"field": "value", "type": "quantitative", "title": "value"},
        "color": {"field": "source", "type": "nominal", "title": "source"},
        "shape": {"field": "source", "type": "nominal", "title": "source"},
        "tooltip": [
            {"field": "source", "type": "nominal"},
            {"field": "figure", "type": "nominal"},
            {"field": "document", "type": "nominal"},
            {"field": "outlet", "type": "nominal"},
            {"field": "published", "type": "temporal"},
        ],
    }
    return spec


def claims_over_time(title: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Claims (``published``, ``certainty``) counted by month, stacked by certainty."""
    values = [{"month": r["published"][:7], "certainty": r["certainty"]} for r in rows if r.get("published")]
    spec = _base(title, values)
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month"},
        "y": {"aggregate": "count", "type": "quantitative", "title": "claims"},
        "color": {"field": "certainty", "type": "nominal", "title": "certainty"},
        "tooltip": [
            {"field": "month", "type": "temporal", "timeUnit": "yearmonth"},
            {"field": "certainty", "type": "nominal"},
            {"aggregate": "count", "type": "quantitative", "title": "claims"},
        ],
    }
    return spec
