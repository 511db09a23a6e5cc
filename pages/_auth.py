"""Accounts in the sidebar: log in, log out, expiry after inactivity; the store opened once per process.

The page never decides who may write: it passes the logged-in name to the
store, whose write functions check the role. Without a login the app is in
viewer mode.
"""

from __future__ import annotations

import streamlit as st

from geo.store import LoginError, Store, authenticate, open_store, session_expired
from geo.store.clock import utc_now
from layers.i18n import tr

__all__ = ["cached_store", "account_sidebar", "current_user", "persist_population"]


@st.cache_resource(show_spinner=False)
def cached_store() -> Store:
    """The store (SQLite file or ATLAS_DATABASE_URL), opened and migrated once per server process."""
    return open_store()


def current_user() -> str | None:
    """The logged-in account's name, or None (viewer mode); an idle login expires here."""
    name = st.session_state.get("account")
    if name is None:
        return None
    if session_expired(st.session_state.get("account_seen")):
        st.session_state.pop("account", None)
        st.session_state["account_expired"] = True
        return None
    st.session_state["account_seen"] = utc_now()
    return str(name)


def account_sidebar(L: str) -> None:
    """Login form, or the logged-in name with a logout button."""
    with st.sidebar.expander(tr("account", L), expanded=False):
        name = current_user()
        if st.session_state.pop("account_expired", False):
            st.warning(tr("session_expired", L))
        if name is not None:
            st.caption(tr("logged_in_as", L, name=name, role=st.session_state.get("account_role", "")))
            if st.button(tr("logout", L), key="logout"):
                for key in ("account", "account_role", "account_seen"):
                    st.session_state.pop(key, None)
                st.rerun()
            return
        st.caption(tr("viewer_mode", L))
        with st.form("login_form"):
            user = st.text_input(tr("user_name", L), key="login_name")
            password = st.text_input(tr("password", L), type="password", key="login_password")
            submitted = st.form_submit_button(tr("login", L))
        if submitted:
            try:
                role = authenticate(cached_store(), user, password)
            except LoginError as error:
                st.error(str(error))
            else:
                st.session_state.update(account=user.strip(), account_role=role, account_seen=utc_now())
                st.rerun()


def persist_population(imported: object, L: str) -> None:
    """A button that saves this session's validated population import to the store (role checked there)."""
    from geo.store import StoreError, import_population

    user = current_user()
    if st.button(tr("population_persist", L), disabled=user is None, key="population_persist"):
        try:
            count = import_population(cached_store(), imported, user=user or "")
        except StoreError as error:
            st.error(str(error))
        else:
            st.success(tr("population_persisted", L, n=count))
