# The API served by gunicorn. Build: docker build -t coalition-tracker .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 app
COPY . .
RUN DATABASE_URL=postgres://unused/unused DEBUG=false SECRET_KEY=build-only-not-secret-$(head -c 48 /dev/urandom | base64) \
    python manage.py collectstatic --no-input -v 0

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
