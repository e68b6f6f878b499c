/* Render every .chart[data-spec] with vega-embed. Expressions go through vega-interpreter instead of
   eval, and vega-embed injects no <style>, so the page's Content-Security-Policy stays strict. */
(function () {
  "use strict";
  function render() {
    document.querySelectorAll(".chart[data-spec]").forEach(function (el) {
      var spec = JSON.parse(el.getAttribute("data-spec"));
      window.vegaEmbed(el, spec, {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: window.vega.expressionInterpreter,
        defaultStyle: false,
        tooltip: false
      }).then(function () {
        el.setAttribute("data-rendered", "true");
      }).catch(function (err) {
        el.setAttribute("data-error", String(err));
        el.textContent = "The chart could not be drawn: " + err;
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
