"""The API's routes, gathered: importing this module attaches them to the blueprint."""

from consult.api import (  # noqa: F401  (each module adds its routes)
    opinion_views,
    people_views,
    sitting_views,
)
