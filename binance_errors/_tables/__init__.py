"""Generated product registry (tools/generator.py): DO NOT EDIT.

One module per ``data/<product>.yaml``; ``PRODUCTS`` names them all; ``URL_PREFIXES`` maps a
REST path's first segment to its product; ``INFERRED`` lists the products read when none is named.
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
URL_PREFIXES = {
    'api': 'spot',
    'dapi': 'coinm',
    'eapi': 'options',
    'fapi': 'usdm',
    'papi': 'portfolio_margin',
    'sapi': 'margin',
}
INFERRED = (
    'spot',
    'margin',
    'usdm',
    'coinm',
    'portfolio_margin',
    'options',
)
