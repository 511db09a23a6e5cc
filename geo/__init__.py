"""Planning Atlas library: pure functions on (Geo)DataFrames, no Streamlit.

Modules are split by the question they answer: ``names`` (folding Vietnamese
names), ``boundaries`` (the national commune layer), ``sources`` (reading the
installed registry packages), ``build`` (the hashed build cache), ``errors``.
"""
