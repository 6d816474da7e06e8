"""Content-Security-Policy violations as Chromium reports them, for the browser tests.

`CspWatch.of(page)` listens from the start of every document the page opens (a `securitypolicyviolation` listener
added before any of the page's own scripts) and to the console, where Chromium also reports what it refused;
`take()` returns what was refused since the last call, so a walk over many pages can say on which one.
"""

from __future__ import annotations

_LISTENER = """
(() => {
  if (window.__cspViolations) return;
  const seen = [];
  Object.defineProperty(window, "__cspViolations", { value: seen });
  document.addEventListener("securitypolicyviolation", (event) => {
    seen.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`
      + (event.sourceFile ? ` (${event.sourceFile.split("/").pop()}:${event.lineNumber})` : ""));
  }, true);
})();
"""


class CspWatch:
    """What the page's Content-Security-Policy refused, from the document's own events and the console."""

    @classmethod
    def of(cls, page) -> CspWatch:
        """Return the watch of `page`, starting it the first time (one listener per page, however many ask)."""
        watch = getattr(page, "_consult_csp_watch", None)
        if watch is None:
            watch = cls(page)
            page._consult_csp_watch = watch
        return watch

    def __init__(self, page) -> None:
        self._page = page
        self._console: list[str] = []
        page.add_init_script(_LISTENER)
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self._console.append(message.text)

    def take(self) -> list[str]:
        """Return what was refused on the page open now (and reported on the console since the last call), and
        forget it."""
        try:
            events = self._page.evaluate("() => (window.__cspViolations || []).splice(0)")
        except Exception:  # noqa: BLE001 - a page that is not a document (a download, a closed page) has no events
            events = []
        found, self._console = [*events, *self._console], []
        return found
