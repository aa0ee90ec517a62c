"""Pictures drawn at build time as inline SVG: timeline, story strips, relation graphs, verdict charts.

Import the submodules directly (pictures.timeline, pictures.strip, ...): this package file imports
nothing, so that views.py can use pictures.labels without an import cycle.
"""
