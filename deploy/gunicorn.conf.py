"""gunicorn settings for the website: workers from the environment, logs to stdout."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads in each worker: a chat message waiting on the bot holds one thread, not a whole worker, so
# pages keep being served (the chat proxy's short timeouts and circuit breaker bound the wait).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# A chat turn holds a thread while Rasa answers (I/O, not CPU): 16 per worker, of which CHAT_IN_FLIGHT_PER_PROCESS
# (12) may wait on Rasa, so its calls back to the bot API and pages always find one (assistant/in_flight.py)
threads = int(os.environ.get("GUNICORN_THREADS", 16))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# Every deployment here (make prod, compose, Kubernetes) puts nginx in front, and nginx logs each request: the web
# processes' own access log said each one again (under make prod, relayed by honcho a line at a time: 7 to 11% of a
# core under load). GUNICORN_ACCESS_LOG=- logs them to stdout, for gunicorn on its own.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (gunicornc) defaults to one path per user, which several web processes on
# one machine would fight over: one socket per process, beside its port, unless GUNICORN_CONTROL_SOCKET says.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or f"/tmp/gunicorn-{bind.rsplit(':', 1)[-1]}.ctl"
# On SIGTERM (a rolling restart) workers finish the requests in flight for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))


def worker_exit(server, worker):
    """A worker that stops (a rolling restart, SIGTERM) lets go of the listening socket at once, before the
    interpreter's slow teardown: otherwise the kernel keeps queueing connections nobody will accept, and
    resets them when the process ends. Closed, new connections are refused and nginx passes them to
    another web process."""
    for listener in worker.sockets:
        listener.close()
