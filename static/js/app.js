/* consult: the little the pages do in the browser, none of it needed to read or use a page.
   - Tables become cards on phones (static/css/app.css); each cell shows its column's name, taken here from
     the table's header when the template did not set data-label itself.
   - Filters fold away on phones: a form.filters that a template did not put in <details class="fold"> is put in
     one here, its summary naming the filters in use; folded filters open by themselves on wide screens.
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

  /* The names of the filters in use in `form`: chosen options, typed words, ticked boxes. */
  function activeFilters(form) {
    var names = [];
    var fields = form.querySelectorAll("select, input");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.tagName === "SELECT") {
        if (field.value && field.selectedIndex >= 0) names.push(field.options[field.selectedIndex].text.trim());
      } else if (field.type === "checkbox" || field.type === "radio") {
        var label = field.labels && field.labels[0];
        if (field.checked && label) names.push(label.textContent.trim());
      } else if ((field.type === "search" || field.type === "text") && field.value.trim()) {
        names.push("\u201c" + field.value.trim() + "\u201d");
      }
    }
    return names;
  }

  function foldFilters(form) {
    var button = form.querySelector("[type=submit]");
    var details = document.createElement("details");
    details.className = "fold";
    var summary = document.createElement("summary");
    summary.textContent = button ? (button.value || button.textContent).trim() : "";
    var names = activeFilters(form);
    if (names.length) {
      var active = document.createElement("span");
      active.className = "active-filters";
      active.textContent = names.join(document.documentElement.lang === "en" ? ", " : "\u3001");
      summary.appendChild(active);
    }
    details.appendChild(summary);
    form.parentNode.insertBefore(details, form);
    details.appendChild(form);
  }

  function start() {
    var loose = document.querySelectorAll("main form.filters");
    for (var l = 0; l < loose.length; l++) if (!loose[l].closest("details")) foldFilters(loose[l]);

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
