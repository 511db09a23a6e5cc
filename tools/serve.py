"""Start the app: ``python tools/serve.py [streamlit options]`` (what ``make run`` does).

Streamlit still treats a ``pages/`` folder beside the entry point as a legacy
multipage app until the first ``st.navigation`` call of the process. Until
then a first request straight to ``/targets`` would run ``pages/targets.py`` on
its own, without the shell (streamlit/streamlit#10276). The project layout keeps
its ``pages/`` folder, so the launcher switches that legacy mode off before the
server starts; every request then goes through ``streamlit_app.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "streamlit_app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
