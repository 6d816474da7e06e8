"""Forms of materials: attach a file, change who may open one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import Length, Optional

from consult.form_helpers import int_or_none
from consult.materials.kinds import ACCEPT
from consult.materials.models import INVITEES, MATERIAL_VISIBILITIES, TITLE_MAX


def visibility_choices() -> list[tuple[str, str]]:
    """Return the choices of who may open a material, invitees first."""
    return list(MATERIAL_VISIBILITIES.items())


class MaterialForm(FlaskForm):
    """Attach a file to a sitting or to one of its topics; `topics` are the sitting's topics."""

    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))], render_kw={"accept": ACCEPT})
    title = StringField(_l("Title"), validators=[Optional(), Length(max=TITLE_MAX)])
    topic = SelectField(_l("Belongs to"), coerce=int_or_none, validate_choice=True)
    visibility = RadioField(_l("Who may open it"), default=INVITEES)

    def __init__(self, *args, topics=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = [("", _l("The sitting as a whole"))] + [
            (topic.id, _l("Topic %(number)d: %(title)s", number=i, title=topic.title))
            for i, topic in enumerate(topics, 1)
        ]
        self.visibility.choices = visibility_choices()


class MaterialVisibilityForm(FlaskForm):
    """Change who may open one material."""

    visibility = RadioField(_l("Who may open it"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.visibility.choices = visibility_choices()
