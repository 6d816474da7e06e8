// Copy buttons for addresses shown in read-only fields (no inline scripts: the page may forbid them).
// A button <button class="copy-link" data-copy="FIELD-ID" data-done="…" data-failed="…" hidden> is shown
// only when this script runs; without it the address stays visible in its field, to copy by hand.
// Focusing a read-only address field selects it, so that a long press offers "copy".
(function () {
  "use strict";

  function status(button, text) {
    var box = button.parentNode;
    while (box.parentNode && !(box.classList && box.classList.contains("subscribe-links"))) box = box.parentNode;
    var line = box.querySelector(".copy-status");
    if (line) line.textContent = text;
  }

  function fallbackCopy(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var done = function () { status(button, button.getAttribute("data-done")); };
    var failed = function () {
      if (fallbackCopy(field)) done();
      else status(button, button.getAttribute("data-failed"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  }

  var each = function (selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);  // old WebViews lack NodeList.forEach
  };

  each("button.copy-link[data-copy]", function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  each("input.copy-source[readonly]", function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
