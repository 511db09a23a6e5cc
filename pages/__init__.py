"""Streamlit pages (UI only); shared state and cached loaders are in ``pages._state``."""
