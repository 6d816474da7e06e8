"""Read a rendered HTML form the way a browser submits it, for round-trip tests without a browser."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_index: int) -> None:
        super().__init__(convert_charrefs=True)
        self.form_index = form_index
        self.forms_seen = -1
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms_seen += 1
            self.inside = self.forms_seen == self.form_index
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data):
        if self._option_value is None and self._select is not None:
            self._option_text += data
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            if self._select_first is None:
                self._select_first = value
            if self._option_selected and not self._select_chosen:
                self.fields.append((self._select, value))
                self._select_chosen = True
            self._option_value = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            self.fields.append((self._textarea, self._textarea_text.removeprefix("\n")))
            self._textarea = None


def form_fields(html: str, form_index: int = 0) -> list[tuple[str, str]]:
    """Return the (name, value) pairs a browser would submit for the form_index-th <form> of `html`.

    Checked checkboxes and radios, inputs, the selected (or first) option of each select, textareas.
    """
    reader = _FormReader(form_index)
    reader.feed(html)
    return reader.fields


def form_containing(html: str, field_name: str) -> list[tuple[str, str]]:
    """Return the fields of the first form of `html` that has a field called `field_name`.

    Raises LookupError when no form has it.
    """
    for index in range(html.count("<form")):
        fields = form_fields(html, index)
        if any(name == field_name for name, _value in fields):
            return fields
    raise LookupError(f"no form with a field {field_name!r}")
