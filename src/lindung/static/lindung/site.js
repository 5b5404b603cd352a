/* Lindung: small progressive enhancements, no outside requests (script-src 'self').

   Wide tables scroll sideways inside their own region on a phone. A region that scrolls
   must be reachable with the keyboard and named (WCAG 2.1.1, axe scrollable-region-focusable):
   each table.data is wrapped once in <div class="table-scroll" role="region" tabindex="0">
   named by the table's caption or the nearest heading before it. Without JavaScript the
   table still scrolls on its own (site.css). Content swapped in by htmx gets the same.

   Lists become cards on a phone (issue 16): each cell of a table.data with column headers
   gets its header's text as data-label, the table the class "stacked", and explicit table
   roles (a table shown as blocks keeps its semantics for screen readers); site.css lays
   "stacked" tables out as one card per row at 600 px and below.

   The menu folds behind a button on a phone: the header gets "menu-folds", the button
   (hidden without JavaScript) opens and closes it (aria-expanded). */
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

  function headers(table) {
    var row = null;
    if (table.tHead && table.tHead.rows.length) {
      row = table.tHead.rows[table.tHead.rows.length - 1];
    } else if (table.rows.length && !table.rows[0].querySelector("td")) {
      row = table.rows[0];
    }
    if (!row) { return null; }
    var names = [];
    for (var i = 0; i < row.cells.length; i++) {
      var text = row.cells[i].innerText || row.cells[i].textContent || "";
      for (var span = 0; span < (row.cells[i].colSpan || 1); span++) {
        names.push(text.replace(/\s+/g, " ").trim());
      }
    }
    return { row: row, names: names };
  }

  function stack(root) {
    var tables = (root || document).querySelectorAll("table.data:not(.stacked)");
    for (var t = 0; t < tables.length; t++) {
      var table = tables[t];
      var head = headers(table);
      if (!head || head.names.length < 2) { continue; }
      table.setAttribute("role", "table");
      for (var g = 0; g < table.children.length; g++) {
        if (/^(THEAD|TBODY|TFOOT)$/.test(table.children[g].tagName)) {
          table.children[g].setAttribute("role", "rowgroup");
        }
      }
      for (var r = 0; r < table.rows.length; r++) {
        var row = table.rows[r];
        row.setAttribute("role", "row");
        var column = 0;
        for (var c = 0; c < row.cells.length; c++) {
          var cell = row.cells[c];
          var span = cell.colSpan || 1;
          if (row === head.row || row.parentElement === table.tHead) {
            cell.setAttribute("role", "columnheader");
          } else {
            cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
            var label = head.names[column];
            if (span < head.names.length && label) { cell.setAttribute("data-label", label); }
          }
          column += span;
        }
      }
      table.classList.add("stacked");
    }
  }

  function menu() {
    var header = document.querySelector("header.top");
    var button = header && header.querySelector(".menu-toggle");
    if (!button || header.classList.contains("menu-folds")) { return; }
    header.classList.add("menu-folds");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("menu-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function enhance(root) { wrap(root); stack(root); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { menu(); enhance(document); });
  } else {
    menu();
    enhance(document);
  }
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
