/* consult: the little the pages do in the browser, none of it needed to read or use a page.
   - Tables become cards on phones (static/css/app.css); each cell shows its column's name, taken here from
     the table's header when the template did not set data-label itself.
   - Folded filters (<details class="fold">) open by themselves on wide screens.
   - A button marked data-print prints the page (the browser's own print works as well). */
(function () {
  "use strict";

  function labelCells(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    var names = [];
    for (var i = 0; i < head.cells.length; i++) {
      var cell = head.cells[i], span = cell.colSpan || 1;
      for (var j = 0; j < span; j++) names.push(cell.textContent.trim());
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var column = 0;
        for (var c = 0; c < rows[r].cells.length; c++) {
          var td = rows[r].cells[c];
          if (!td.hasAttribute("data-label") && names[column]) td.setAttribute("data-label", names[column]);
          column += td.colSpan || 1;
        }
      }
    }
  }

  function start() {
    var tables = document.querySelectorAll("main table");
    for (var t = 0; t < tables.length; t++) labelCells(tables[t]);

    if (window.matchMedia && window.matchMedia("(min-width: 641px)").matches) {
      var folds = document.querySelectorAll("details.fold");
      for (var f = 0; f < folds.length; f++) folds[f].open = true;
    }

    var printers = document.querySelectorAll("[data-print]");
    for (var p = 0; p < printers.length; p++) {
      printers[p].hidden = false;
      printers[p].addEventListener("click", function () { window.print(); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
