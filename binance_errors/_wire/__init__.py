"""Wire formats other than JSON: each module reads one format into the JSON-shaped frame the core classifies."""
