"""Generated product registry (tools/generator.py): DO NOT EDIT.

One module per ``data/<product>.yaml``; ``PRODUCTS`` names them all.
"""

PRODUCTS = (
    'coinm',
    'margin',
    'openapi',
    'options',
    'portfolio_margin',
    'spot',
    'usdm',
)
