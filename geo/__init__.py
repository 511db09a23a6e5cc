"""Planning Atlas library: pure functions on (Geo)DataFrames, no Streamlit.

Modules are split by the question they answer; :mod:`geo.io` is the only
reader of ``data/`` and ``data/cache/``, and every other module takes its
frames as arguments. The README's "Layout" section lists them all.
"""
