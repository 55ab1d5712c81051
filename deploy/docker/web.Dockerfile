# The website image: gunicorn web processes, the tasks worker and the release step all run from it,
# through the same entrypoints as `make prod` (deploy/entrypoints/*.sh).
#   docker build -f deploy/docker/web.Dockerfile -t westmere-web .
# Build context: the repository root.

FROM node:20-bookworm-slim AS frontend
WORKDIR /app/site/frontend
COPY site/frontend/package.json site/frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY site/frontend/ ./
RUN mkdir -p /app/site/static/dist && npm run --silent build

FROM python:3.11-slim-bookworm AS web
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    SITE_PYTHON=/usr/local/bin/python \
    DJANGO_SETTINGS_MODULE=customer_connect.settings.production \
    STATIC_ROOT=/app/static_collected \
    WEB_HOST=0.0.0.0 WEB_PORT=8000
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=frontend /app/site/static/dist/ site/static/dist/
# Hashed, compressed static files; the secrets here only let collectstatic import the settings.
RUN DJANGO_SECRET_KEY=build-only BOT_API_TOKEN=build-only SITE_BASE_URL=https://build.invalid DJANGO_ALLOW_LOCAL_CACHE=true \
    python manage.py collectstatic --noinput -v 0
# The release step (as westmere) collects static files again and writes the error page into static_collected/errors.
RUN useradd --system --uid 10001 --home /app westmere \
    && mkdir -p /app/private_uploads /app/media /app/static_collected/errors \
    && chown -R westmere /app/private_uploads /app/media /app/static_collected
USER westmere
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
# Web by default; the worker is deploy/entrypoints/worker.sh, the release step deploy/entrypoints/release.sh.
CMD ["bash", "deploy/entrypoints/web.sh"]

# nginx in front, with the static files collected above.
FROM debian:bookworm-slim AS nginx
RUN apt-get update -q && apt-get install -y -q --no-install-recommends nginx gettext-base \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY deploy/entrypoints/common.sh deploy/entrypoints/nginx.sh deploy/entrypoints/
COPY deploy/nginx/ deploy/nginx/
COPY --from=web /app/static_collected/ /app/static_collected/
ENV STATIC_ROOT=/app/static_collected NGINX_HOST=0.0.0.0 NGINX_PORT=8080 NGINX_RUN_DIR=/tmp/nginx
EXPOSE 8080
CMD ["bash", "deploy/entrypoints/nginx.sh"]
