"""The action server: `rasa run actions` with what rasa-sdk 3.6 has no option for.

- It listens on one interface, ACTIONS_HOST (default the loopback): only the Rasa servers call it.
- With ACTIONS_TOKEN set, every call but the health check must bring it (`Authorization: Bearer ...`,
  which Rasa sends from the action endpoint's `headers:` in endpoints.production.yml). Without the
  token, anyone who reaches the port could run `action_handoff` for any conversation.
- Request bodies are bounded (ACTIONS_MAX_BODY_BYTES) and compressed ones refused: rasa-sdk inflates
  `Content-Encoding: deflate` bodies with no limit.
- An error never echoes the request back (rasa-sdk's own handler returns the whole tracker).
- Each call is for one council (several share the assistant): the council's hostname in the message's metadata,
  which the web app's chat proxy puts there, is used when asking the web API (actions.council).

    cd bot && .venv/bin/python action_server.py --port 5055
"""
import argparse
import logging
import os
import secrets

from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.exceptions import SanicException
from threadpoolctl import threadpool_limits

from actions import council
from actions.knowledge import warm_up

logger = logging.getLogger("action_server")

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # a long conversation's whole tracker fits several times over
OPEN_PATHS = {"/health"}


def build_app(token=None, max_body_bytes=DEFAULT_MAX_BODY_BYTES, action_package="actions"):
    app = create_app(action_package, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = max_body_bytes
    # The Rasa servers keep their connections open (rasa_server.kept_session) and close an idle one after aiohttp's
    # 15 s: the server waits longer, so it never closes a connection just as a call is sent on it.
    app.config.KEEP_ALIVE_TIMEOUT = 75

    @app.middleware("request")
    async def only_rasa(request):
        council.use(None)  # set on every call: a connection Rasa keeps open carries several calls
        if request.path in OPEN_PATHS:
            return None
        if token and not secrets.compare_digest(request.headers.get("authorization", ""), f"Bearer {token}"):
            return response.json({"error": "forbidden"}, status=403)
        if request.headers.get("content-encoding", "identity") != "identity":
            return response.json({"error": "send the call uncompressed"}, status=415)
        if request.method == "POST":
            try:
                council.use(council.from_action_call(request.json))  # the resident's council, for this call
            except Exception:  # noqa: BLE001 - a body that is not JSON: rasa-sdk's handler refuses it
                pass
        return None

    @app.exception(Exception)
    async def failed(request, exception):
        if isinstance(exception, SanicException):  # too large, not found, bad request: say which, no more
            return response.json({"error": str(exception)[:200]}, status=exception.status_code)
        logger.error("The action call failed", exc_info=exception)
        return response.json({"error": "the action failed"}, status=500)

    return app


def one_blas_thread():
    """numpy's OpenBLAS keeps a thread for each further core, and after every matrix product that thread spins
    (sched_yield) waiting for the next: with products in each chat turn it kept a whole core busy. A turn's
    products are small, so the calling thread does them alone."""
    threadpool_limits(limits=1, user_api="blas")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", 5055)))
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    token = os.environ.get("ACTIONS_TOKEN") or None
    if token is None and args.host not in {"127.0.0.1", "::1", "localhost"}:
        parser.error("Set ACTIONS_TOKEN: the action server listens beyond this machine.")
    max_body = int(os.environ.get("ACTIONS_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
    app = build_app(token=token, max_body_bytes=max_body)
    one_blas_thread()
    # The pages' words and meaning are indexed before the server listens, not in the first resident's turn
    # (their meaning takes some seconds; if the web app cannot be reached yet, the first turn indexes them).
    warm_up()
    logger.info("Action server on http://%s:%s (%s)", args.host, args.port,
                "token required" if token else "no token: loopback only")
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
