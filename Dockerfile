# The image docker-compose.yml builds for the web server, the Celery worker and beat.
# Stage 1 compiles the GOV.UK Frontend assets; stage 2 is the Python application.
FROM node:22-bookworm-slim AS assets
WORKDIR /src/static
COPY static/package.json static/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/build.mjs ./
COPY static/src ./src
RUN node build.mjs

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# WeasyPrint renders PDFs with Pango; Liberation fonts stand in for Arial.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY . .
COPY --from=assets /src/static/dist ./static/dist
RUN DJANGO_SECRET_KEY=collectstatic-only JTAI_SITE_URL=https://collectstatic.invalid \
    JTAI_FILE_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LW5vdC1hLXJlYWwtayE= \
    python manage.py collectstatic --noinput \
    && useradd --system --home /app jtai \
    && mkdir -p /app/media /app/private \
    && chown jtai /app/media /app/private
USER jtai
EXPOSE 8000
CMD ["gunicorn", "jtai.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
