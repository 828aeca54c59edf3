"""Settings the benchmark server runs with: the project's own, plus the baselines.

``bench.run`` starts gunicorn with ``DJANGO_SETTINGS_MODULE=bench.settings`` and a
production-like environment (``DEBUG=false``, persistent connections). The only
differences from ``config.settings`` are below: the baseline views are switched on,
and mounted at ``/bench/`` even when ``config/urls.py`` does not include them yet.
"""

from config.settings import *  # noqa: F403

BENCH_ENDPOINTS = True
ROOT_URLCONF = "bench.root_urls"
# Plain http on loopback: no redirect to https.
SECURE_SSL_REDIRECT = False
