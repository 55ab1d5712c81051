"""What the browser tests look for on every page: console errors, failed requests, axe violations and
form controls a person cannot see, find or tell apart (tests/browser/form_controls.js)."""
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

FORM_CONTROLS_JS = (Path(__file__).parent / "form_controls.js").read_text()
# WCAG 2.2 A and AA, and axe's best practices (landmarks, "region", heading order, ...)
AXE_WITH_BEST_PRACTICES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}
_axe = Axe()


class Watcher:
    """Console errors, uncaught exceptions and failed requests (network errors, 4xx, 5xx) of one page."""

    def __init__(self, page):
        self.problems = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request):
        # The page's own code may cancel a fetch on purpose (search suggestions abort the request for "bi"
        # when "bin" is typed): that is not a failure. Anything else that fails is.
        if request.resource_type in ("fetch", "xhr") and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"{response.status} for {response.request.method} {response.url}")

    def take(self):
        problems, self.problems = self.problems, []
        return problems


def form_control_problems(page):
    return page.evaluate(FORM_CONTROLS_JS)


def axe_problems(page, options=AXE_WITH_BEST_PRACTICES):
    violations = _axe.run(page, options=options).response["violations"]
    return [f"axe {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in violations]
