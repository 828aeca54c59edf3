#!/bin/sh
# The image's entrypoint (Dockerfile, docker-compose.yml).
#   migrate   one-shot: migrations, the cache table, the dataset (loaded only when the
#             database is empty or data/ changed; people's edits are kept)
#   web       gunicorn (config/gunicorn.py; GUNICORN_WORKERS or WEB_CONCURRENCY workers)
#   health    exit 0 when /readyz answers 200 (the HEALTHCHECK)
#   anything else runs as given (e.g. `python manage.py shell`)
set -eu
cd "$(dirname "$0")/.."  # the app's folder: manage.py, config/

if [ "$#" -eq 0 ]; then
  set -- web
fi
case "$1" in
  migrate)
    shift
    python manage.py migrate --no-input
    python manage.py createcachetable
    exec python manage.py load_dataset --if-changed "$@"
    ;;
  web)
    shift
    exec gunicorn config.wsgi:application --config config/gunicorn.py "$@"
    ;;
  health)
    exec python docker/healthcheck.py
    ;;
  *)
    exec "$@"
    ;;
esac
