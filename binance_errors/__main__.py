"""`python -m binance_errors`: see binance_errors/_cli.py."""

import sys

from ._cli import main

sys.exit(main())
