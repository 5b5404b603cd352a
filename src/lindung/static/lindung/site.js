/* Lindung: small progressive enhancements, no outside requests (script-src 'self').

   Wide tables scroll sideways inside their own region on a phone. A region that scrolls
   must be reachable with the keyboard and named (WCAG 2.1.1, axe scrollable-region-focusable):
   each table.data is wrapped once in <div class="table-scroll" role="region" tabindex="0">
   named by the table's caption or the nearest heading before it. Without JavaScript the
   table still scrolls on its own (site.css). Content swapped in by htmx gets the same. */
(function () {
  "use strict";
  var counter = 0;

  function heading(table) {
    if (table.caption) { return table.caption; }
    var node = table;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) { return sibling; }
        var inner = sibling.querySelectorAll ? sibling.querySelectorAll("h1,h2,h3,h4,h5,h6") : [];
        if (inner.length) { return inner[inner.length - 1]; }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.querySelector("h1");
  }

  function wrap(root) {
    var tables = (root || document).querySelectorAll("table.data");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentElement && table.parentElement.classList.contains("table-scroll")) {
        continue;
      }
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      var name = heading(table);
      if (name) {
        if (!name.id) { counter += 1; name.id = "table-name-" + counter; }
        region.setAttribute("aria-labelledby", name.id);
      } else {
        region.setAttribute("aria-label", document.title);
      }
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { wrap(document); });
  } else {
    wrap(document);
  }
  document.addEventListener("htmx:load", function (event) { wrap(event.target); });
})();
