"""Demo data built from the seed work plan. (Placeholder: the demo work replaces it.)"""


def load_demo() -> str:
    """Load the demo and return a report of what was done, with the admin's login."""
    return "demo not built yet"
