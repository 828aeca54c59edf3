"""gunicorn settings for the benchmark server (``bench.run`` passes the rest on the
command line). No access log: writing one line per request would be measured too."""

accesslog = None
max_requests = 0
