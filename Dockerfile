# The API a user deploys: docker build -t coalition-tracker .
# Two stages: the build stage makes a virtualenv from requirements.lock (the runtime
# dependencies only, at the lock's versions: no dev tools, no embedded PostgreSQL) and
# collects the static files; the runtime stage copies the virtualenv and the app.
# docker/entrypoint.sh: `migrate` (one-shot), `web` (the default), `health`.

FROM python:3.11-slim AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --constraint requirements.lock .
COPY . .
RUN DATABASE_URL=postgres://unused/unused DEBUG=false \
    SECRET_KEY=build-only-not-secret-$(head -c 48 /dev/urandom | base64) \
    python manage.py collectstatic --no-input -v 0

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/app/docker/entrypoint.sh", "health"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
