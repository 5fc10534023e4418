"""Settings for the benchmarks: the app's own, plus the baseline view and its table.

Used by bench/run.py (and the gunicorn it starts) only; production never loads it.
"""

from pathlib import Path

from musrenbang.settings import *  # noqa: F403
from musrenbang.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]
ROOT_URLCONF = "bench.urls"
# collectstatic writes here, not into the project's staticfiles/.
STATIC_ROOT = Path(__file__).resolve().parent / ".data" / "static"
