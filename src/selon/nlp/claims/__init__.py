"""Claims: attributions turned into sourced, dated, certain-or-not statements (``build``)."""
