"""Start the app: ``python tools/serve.py [streamlit options]`` (what ``make run`` does).

Streamlit still treats a ``pages/`` folder beside the entry point as a legacy
multipage app until the first ``st.navigation`` call of the process. Until
then a first request straight to ``/targets`` would run ``pages/targets.py`` on
its own, without the shell (streamlit/streamlit#10276). The project layout keeps
its ``pages/`` folder, so the launcher switches that legacy mode off before the
server starts; every request then goes through ``streamlit_app.py``.

It also wraps Streamlit's ASGI app so that Streamlit's own frontend bundle is sent
compressed and the app's hashed build files are cached by the browser
(``tools/compressed_static.py`` says why).
"""

from __future__ import annotations

import sys
from pathlib import Path

from compressed_static import CompressedStatic
from streamlit import file_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

ROOT = Path(__file__).resolve().parent.parent


def _compressing_app_factory():  # noqa: ANN202 - Streamlit's factory has no public type
    build_streamlit_app = starlette_server.create_starlette_app

    def create(runtime):  # noqa: ANN001, ANN202
        return CompressedStatic(build_streamlit_app(runtime), Path(file_util.get_static_dir()))

    return create


def main() -> None:
    PagesManager.uses_pages_directory = False
    # The one name Streamlit's server looks up to build its ASGI app (streamlit 1.67.0, pinned).
    starlette_server.create_starlette_app = _compressing_app_factory()
    sys.argv = ["streamlit", "run", str(ROOT / "streamlit_app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
