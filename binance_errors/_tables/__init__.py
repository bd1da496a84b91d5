"""Generated product tables (see binance_errors/_generator.py)."""
