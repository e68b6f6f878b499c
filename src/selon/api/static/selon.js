/* The article page: select a claim (click, link, or keyboard j/k), show its card and highlight its
   content, source and cue; filter the side list by certainty and source. Without this script the
   cards still open through their #card-ID links (CSS :target). */
(function () {
  "use strict";
  var current = null;

  function has(el, attr, id) {
    var v = el.getAttribute(attr);
    return v !== null && v.split(" ").indexOf(id) !== -1;
  }

  function select(id, focusCard) {
    var text = document.getElementById("text");
    if (!text) { return; }
    current = id;
    document.querySelectorAll(".card").forEach(function (c) {
      c.classList.toggle("shown", c.getAttribute("data-claim") === id);
    });
    text.querySelectorAll("[data-claims],[data-src],[data-cue]").forEach(function (el) {
      el.classList.toggle("selected", has(el, "data-claims", id));
      el.classList.toggle("sel-src", has(el, "data-src", id));
      el.classList.toggle("sel-cue", has(el, "data-cue", id));
    });
    document.querySelectorAll("#claim-list li").forEach(function (li) {
      var on = li.getAttribute("data-claim") === id;
      li.classList.toggle("active", on);
      var a = li.querySelector("a");
      if (a) { if (on) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); } }
    });
    var first = text.querySelector(".selected");
    if (first && first.scrollIntoView) { first.scrollIntoView({ block: "nearest" }); }
    var card = document.getElementById("card-" + id);
    if (card && focusCard) { card.focus({ preventScroll: true }); }
    if (history.replaceState) { history.replaceState(null, "", "#card-" + id); }
  }

  function clear() {
    current = null;
    document.querySelectorAll(".card.shown").forEach(function (c) { c.classList.remove("shown"); });
    document.querySelectorAll(".selected,.sel-src,.sel-cue").forEach(function (el) {
      el.classList.remove("selected", "sel-src", "sel-cue");
    });
  }

  function visibleIds() {
    var ids = [];
    document.querySelectorAll("#claim-list li").forEach(function (li) {
      if (!li.hidden) { ids.push(li.getAttribute("data-claim")); }
    });
    return ids;
  }

  function step(delta) {
    var ids = visibleIds();
    if (!ids.length) { return; }
    var i = ids.indexOf(current);
    i = i === -1 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(Math.max(i + delta, 0), ids.length - 1);
    select(ids[i], false);
  }

  function filter() {
    var cert = document.getElementById("f-certainty").value;
    var src = document.getElementById("f-source").value;
    document.querySelectorAll("#claim-list li").forEach(function (li) {
      li.hidden = (cert && li.getAttribute("data-certainty") !== cert) ||
                  (src && li.getAttribute("data-source") !== src);
    });
  }

  function init() {
    if (!document.getElementById("text")) { return; }
    document.addEventListener("click", function (ev) {
      var target = ev.target.closest ? ev.target.closest("[data-claim],[data-claims]") : null;
      if (!target || target.closest(".card")) { return; }
      var id = target.getAttribute("data-claim") || target.getAttribute("data-claims").split(" ").pop();
      ev.preventDefault();
      select(id, target.tagName === "A");
    });
    document.addEventListener("keydown", function (ev) {
      var tag = (ev.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      if (ev.key === "j" || ev.key === "n") { ev.preventDefault(); step(1); }
      else if (ev.key === "k" || ev.key === "p") { ev.preventDefault(); step(-1); }
      else if (ev.key === "Escape") { clear(); }
    });
    ["f-certainty", "f-source"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.addEventListener("change", filter); }
    });
    var m = /^#card-(.+)$/.exec(location.hash);
    if (m) { select(decodeURIComponent(m[1]), false); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
