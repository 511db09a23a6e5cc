"""Map layers: one module per layer (spec: loader, style, tooltip, legend) and one builder.

Nothing here imports Streamlit, so every layer can be built and tested as plain folium.
"""
