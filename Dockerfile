# The production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# libpq for psycopg; Pango, fonts and HarfBuzz's subsetter (WeasyPrint subsets the fonts of a pack with it, or warns
# and falls back to the slower fontTools) for the PDF meeting packs; pg_dump / pg_restore
# (PostgreSQL 15 on bookworm, as the compose server) for `manage.py backup` and `restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
       postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN pip install .

RUN useradd --system --uid 1000 --home /app tracker \
    && mkdir -p /app/media /app/backups \
    && chown -R tracker /app/media /app/backups \
    && DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input
USER tracker

EXPOSE 8000
CMD ["gunicorn", "mhhs_governance.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
