"""Figures: numbers with their units, rates, bounds, targets and times (``extract.extract_figures``)."""
