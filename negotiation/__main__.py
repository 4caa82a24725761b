"""``python -m negotiation`` runs the ``negotiation`` command line."""

from .cli import main

if __name__ == "__main__":  # not when imported, e.g. by pytest collecting doctests
    raise SystemExit(main())
