"""How many chat turns one web process passes to Rasa at once.

A chat turn holds a web thread while Rasa answers, and Rasa's actions call back into the web app (the bot API) for
the answer. If every thread of a process waited on Rasa, those calls would queue behind them until the proxy gave
up (RASA_TIMEOUT_SECONDS): every chat failed and the circuit opened for everyone (measured at 16 clients on 2
processes of 2 workers with 8 threads). So a process passes at most CHAT_IN_FLIGHT_PER_PROCESS turns at once, which
leaves threads for the calls back and for pages; a turn beyond that is told "busy" at once, without a wait that
would hold a thread itself.
"""
import threading

from django.conf import settings

_lock = threading.Lock()
_in_flight = 0


def take():
    """A place for one more turn: True when this process has one (give it back with `give_back`)."""
    global _in_flight
    with _lock:
        if _in_flight >= settings.CHAT_IN_FLIGHT_PER_PROCESS:
            return False
        _in_flight += 1
        return True


def give_back():
    global _in_flight
    with _lock:
        _in_flight -= 1
