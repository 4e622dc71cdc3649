# The image docker-compose.yml builds for the web server, the Celery workers and beat.
#   assets      compiles the GOV.UK Frontend assets (Node, left behind)
#   base        Python, WeasyPrint's libraries and what the product runs (requirements.lock)
#   test        base + the test and lint tools (requirements-dev.lock) and Chromium:
#               `docker build --target test .` runs the suite's checks in a container
#   production  base + the code and static files, no test tools (the default target: last)
FROM node:22-bookworm-slim AS assets
WORKDIR /src/static
COPY static/package.json static/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/build.mjs ./
COPY static/src ./src
RUN node build.mjs

FROM python:3.11-slim-bookworm AS base
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

FROM base AS test
# The browser tests drive Debian's Chromium; the PDF tests read pages with poppler.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium poppler-utils make \
    && rm -rf /var/lib/apt/lists/*
COPY requirements-dev.lock ./
RUN pip install -r requirements-dev.lock
COPY . .
COPY --from=assets /src/static/dist ./static/dist
ENV DJANGO_SETTINGS_MODULE=jtai.settings_test
CMD ["python", "-m", "pytest", "-q"]

FROM base AS production
COPY . .
COPY --from=assets /src/static/dist ./static/dist
# The tests, benchmarks and dev pins are not part of the product.
RUN rm -rf tests benchmarks requirements-dev.lock \
    && DJANGO_SECRET_KEY=collectstatic-only JTAI_SITE_URL=https://collectstatic.invalid \
    JTAI_FILE_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LW5vdC1hLXJlYWwtayE= \
    python manage.py collectstatic --noinput \
    && useradd --system --home /app jtai \
    && mkdir -p /app/media /app/private \
    && chown jtai /app/media /app/private
USER jtai
EXPOSE 8000
CMD ["gunicorn", "--config", "jtai/gunicorn.conf.py", "jtai.wsgi"]
