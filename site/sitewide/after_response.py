"""Work a view leaves until its response has gone, so that the resident does not wait for it (a search's row in the
query log).

The WSGI server (gunicorn; Django's test client too) calls the response's close() once the body is sent: the work
runs then, on the same thread and database connection, before Django's request_finished signal. A failure is
logged, never raised: the resident has their page already.
"""
import logging

logger = logging.getLogger(__name__)


def after_response(response, work):
    """`response`, which runs `work()` once it has been sent."""
    close = response.close

    def work_then_close():
        try:
            work()
        except Exception:
            logger.exception("Could not finish the work left until after the response")
        finally:
            close()

    response.close = work_then_close
    return response
