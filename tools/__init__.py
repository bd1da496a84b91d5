"""Maintainers' build tools, run from a source checkout; not part of the installed package.

- ``generator.py``: compiles ``data/*.yaml`` into ``binance_errors/_tables`` (``python tools/generator.py``;
  ``--check`` exits 1 when the tables are stale). ``setup.py`` runs it for every build.
- ``drift.py``: an upstream error page against a product's YAML (``python -m tools.drift PAGE --product spot``).
- ``docparse.py``: reads the upstream page formats, for ``drift.py`` and the tests.

See docs/maintainers.md.
"""
