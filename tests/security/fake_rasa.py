"""A stand-in Rasa on a real socket: it hangs, or answers the REST webhook with any body; "/" says hello,
PUT /model (loading a model) answers `model_status` and records the file it was asked to load, and POST /model/parse
reads a text as `parses` says."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeRasa:
    def __init__(self):
        self.reply = []  # what the webhook answers (any JSON-able value, or raw bytes)
        self.hang = False  # accept the request, never answer
        self.calls = 0
        self.messages = []  # the "message" of each webhook call, in order
        self.bodies = []  # each webhook call's whole JSON body (None if it was not JSON)
        self.model_status = 204
        self.loaded = []  # the model files PUT /model was asked to load, in order
        # POST /model/parse: text -> (intent, confidence[, the next intent's confidence]); else nlu_fallback
        self.parses = {}
        self.parsed = []  # the texts /model/parse was asked to read, in order
        self.release = threading.Event()
        rasa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                sent = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.split("?")[0] == "/model/parse":
                    return self.parse(json.loads(sent)["text"])
                rasa.calls += 1
                try:
                    rasa.bodies.append(json.loads(sent))
                    rasa.messages.append(rasa.bodies[-1].get("message"))
                except (ValueError, AttributeError):
                    rasa.bodies.append(None)
                    rasa.messages.append(None)
                if rasa.hang:
                    rasa.release.wait(30)
                    return
                body = rasa.reply if isinstance(rasa.reply, bytes) else json.dumps(rasa.reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def parse(self, text):
                rasa.parsed.append(text)
                name, confidence, *runner_up = rasa.parses.get(text, ("nlu_fallback", 0.3))
                ranking = [{"name": name, "confidence": confidence}]
                ranking += [{"name": "another_intent", "confidence": c} for c in runner_up]
                body = json.dumps({"text": text, "intent": ranking[0], "intent_ranking": ranking}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"Hello from Rasa: 3.6.21")

            def do_PUT(self):  # noqa: N802
                rasa.loaded.append(json.loads(self.rfile.read(int(self.headers["Content-Length"])))["model_file"])
                self.send_response(rasa.model_status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
