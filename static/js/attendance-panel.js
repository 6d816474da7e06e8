// The staff's attendance panel: every few seconds, fetch the live part (counts, quorum, who has arrived) and
// put it in place. Without JavaScript the page shows the same by reload. A failed fetch keeps what is shown.
(function () {
  "use strict";
  var EVERY_MS = 5000;
  var holder = document.querySelector("[data-live]");
  if (!holder || !window.fetch) return;
  var url = holder.getAttribute("data-live");
  function busy() {
    var active = document.activeElement;
    return active && holder.contains(active) && active.tagName !== "BODY" && active.tagName !== "BUTTON";
  }
  function refresh() {
    if (document.hidden || busy()) return;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) holder.innerHTML = html; })
      .catch(function () { /* offline for a moment: keep the last counts */ });
  }
  window.setInterval(refresh, EVERY_MS);
})();
