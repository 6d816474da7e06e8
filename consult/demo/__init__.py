"""Demo data built from the seed work plan (政协崇川区委员会工作要点): `flask --app wsgi consult demo`.

people.py (sectors, members), organs.py, plan.py (the year's plan items), calendar.py and sittings.py
(the year's sittings) are pure; loader.py writes them through the services.
"""

from consult.demo.loader import load_demo

__all__ = ["load_demo"]
