"""Generated product registry (binance_errors/_generator.py): DO NOT EDIT.

One module per ``data/<product>.yaml``; ``PRODUCTS`` names them all.
"""

PRODUCTS = (
    'coinm',
    'fix',
    'margin',
    'openapi',
    'options',
    'portfolio_margin',
    'spot',
    'streams',
    'usdm',
)
