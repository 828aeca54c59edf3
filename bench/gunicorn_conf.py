"""gunicorn settings for the benchmark server (``bench.run`` passes the rest on the
command line): the production hooks of ``config/gunicorn.py`` (views loaded and the
worker's long-lived objects frozen for the garbage collector), and no access log:
writing one line per request would be measured too."""

from config.gunicorn import post_worker_init  # noqa: F401

accesslog = None
max_requests = 0
