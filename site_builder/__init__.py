"""A static fact-check site generator: YAML claims about seed articles, rendered through MkDocs."""

__version__ = "0.1.0"
