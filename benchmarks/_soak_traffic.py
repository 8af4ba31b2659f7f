"""The soak's traffic (see ``soak.py``): portal users, a monitoring sender and
agents, each a thread with its own HTTP session on 127.0.0.1, as a browser or
the web client would send it (session cookie, CSRF token of the page, the
portal form's token, JSON-RPC ``call_kw``). Every request is timed and
recorded by route in a ``Recorder``."""

import random
import re
import threading
import time
from collections import defaultdict

import requests

TIMEOUT = 180
CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="form_token"[^>]*?value="([^"]+)"')
TICKET_URL_RE = re.compile(r"/my/tickets/(\d+)")
# business refusals of JSON-RPC (a 4xx of the web client); any other error is
# a server error (Odoo answers JSON-RPC errors with HTTP 200)
REFUSALS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
)


class ActorError(Exception):
    """A response the actor cannot go on with (recorded already)."""


class Recorder:
    """Requests by route: status codes, latencies, server errors."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.errors = []  # (route, status, text) of server errors
        self.refusals = []
        self.alerts = []  # (contract_id, alert_key, http status, outcome, ticket id)

    def add(self, route, status, seconds):
        with self.lock:
            self.latencies[route].append(seconds)
            self.statuses[route][status] += 1

    def error(self, route, status, text):
        with self.lock:
            self.errors.append((route, status, text[:2000]))

    def refusal(self, route, text):
        with self.lock:
            self.refusals.append((route, text[:300]))

    def alert(self, contract_id, key, status, outcome, ticket_id):
        with self.lock:
            self.alerts.append((contract_id, key, status, outcome, ticket_id))


class Client:
    """One browser: a ``requests`` session on the server, redirects by hand
    (each hop is a route of its own)."""

    def __init__(self, base, recorder):
        self.base = base
        self.recorder = recorder
        self.session = requests.Session()

    def request(self, route, method, path, expect=(200, 303), **kw):
        started = time.perf_counter()
        try:
            resp = self.session.request(
                method, self.base + path, timeout=TIMEOUT, allow_redirects=False, **kw
            )
        except requests.RequestException as exc:
            self.recorder.add(route, "no answer", time.perf_counter() - started)
            self.recorder.error(route, "no answer", repr(exc))
            raise ActorError(route) from exc
        self.recorder.add(route, resp.status_code, time.perf_counter() - started)
        if resp.status_code >= 500:
            self.recorder.error(route, resp.status_code, resp.text)
            raise ActorError(route)
        if resp.status_code not in expect:
            self.recorder.refusal(route, f"HTTP {resp.status_code}: {resp.text[:200]}")
            raise ActorError(route)
        return resp

    def jsonrpc(self, route, path, params):
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        resp = self.request(route, "POST", path, expect=(200,), json=body)
        data = resp.json()
        error = data.get("error")
        if error:
            name = (error.get("data") or {}).get("name", "")
            text = f"{name}: {(error.get('data') or {}).get('message', error)}"
            if name in REFUSALS:
                self.recorder.refusal(route, text)
            else:
                debug = (error.get("data") or {}).get("debug", "")
                self.recorder.error(route, "JSON-RPC error", f"{text}\n{debug}")
            raise ActorError(route)
        return data.get("result")


def csrf_of(html, route):
    found = CSRF_RE.search(html)
    if not found:
        raise ActorError(f"{route}: no CSRF token in the page")
    return found.group(1)


# ------------------------------------------------------------------ actors
class Actor(threading.Thread):
    def __init__(self, name, base, recorder, stop_at, seed):
        super().__init__(name=name, daemon=True)
        self.client = Client(base, recorder)
        self.recorder = recorder
        self.stop_at = stop_at
        self.rnd = random.Random(seed)
        self.failures = 0

    def running(self):
        return time.monotonic() < self.stop_at

    def pause(self, low=0.3, high=1.5):
        time.sleep(
            min(self.rnd.uniform(low, high), max(0, self.stop_at - time.monotonic()))
        )

    def run(self):
        try:
            self.login()
        except ActorError:
            self.failures += 1
            return
        while self.running():
            try:
                self.step()
            except ActorError:
                self.failures += 1
                self.pause(1, 2)


class PortalUser(Actor):
    """Opens tickets through the portal form, reads and answers them."""

    def __init__(self, login, *args):
        super().__init__(f"portal-{login}", *args)
        self.login_name = login
        self.tickets = []

    def login(self):
        page = self.client.request("GET /web/login", "GET", "/web/login")
        data = {
            "login": self.login_name,
            "password": self.login_name,
            "csrf_token": csrf_of(page.text, "GET /web/login"),
            "redirect": "/my/support",
        }
        resp = self.client.request("POST /web/login", "POST", "/web/login", data=data)
        if resp.status_code != 303:
            self.recorder.refusal(
                "POST /web/login", f"{self.login_name}: not logged in"
            )
            raise ActorError("login")

    def step(self):
        choice = self.rnd.random()
        if choice < 0.15 or not self.tickets:
            self.client.request("GET /my/support", "GET", "/my/support")
            self.pause()
            self.open_ticket()
        elif choice < 0.35:
            self.client.request("GET /my/tickets", "GET", "/my/tickets")
        else:
            self.reply(self.rnd.choice(self.tickets))
        self.pause()

    def open_ticket(self):
        page = self.client.request("GET /my/tickets/new", "GET", "/my/tickets/new")
        token = FORM_TOKEN_RE.search(page.text)
        if not token:
            raise ActorError("GET /my/tickets/new: no form token")
        self.pause(0.5, 2)
        data = {
            "csrf_token": csrf_of(page.text, "GET /my/tickets/new"),
            "form_token": token.group(1),
            "name": f"Soak request {self.rnd.randrange(10**6)}",
            "description": "The invoice list is slow since this morning.",
            "impact": self.rnd.choice(["system", "multiple", "single"]),
            "urgency": self.rnd.choice(["high", "medium", "low"]),
            "contact_method": "portal",
        }
        route = "POST /my/tickets/create"
        resp = self.client.request(route, "POST", "/my/tickets/create", data=data)
        found = TICKET_URL_RE.search(resp.headers.get("Location", ""))
        if resp.status_code != 303 or not found:
            self.recorder.refusal(route, "no redirect to the new ticket")
            raise ActorError(route)
        ticket_id = int(found.group(1))
        self.tickets.append(ticket_id)
        self.client.request(
            "GET /my/tickets/<id>/confirmation",
            "GET",
            f"/my/tickets/{ticket_id}/confirmation",
        )

    def reply(self, ticket_id):
        page = self.client.request(
            "GET /my/tickets/<id>", "GET", f"/my/tickets/{ticket_id}"
        )
        if 'name="message"' not in page.text:
            self.tickets.remove(ticket_id)  # closed: no reply form any more
            return
        self.pause(0.5, 2)
        data = {
            "csrf_token": csrf_of(page.text, "GET /my/tickets/<id>"),
            "message": "Here is the log you asked for; it happens every hour.",
        }
        self.client.request(
            "POST /my/tickets/<id>/reply",
            "POST",
            f"/my/tickets/{ticket_id}/reply",
            data=data,
        )


class MonitoringSender(Actor):
    """Posts alerts of a few keys for one contract, with its Bearer token;
    one alert in four is sent twice at once (a duplicate)."""

    def __init__(self, token, contract_id, keys, *args):
        super().__init__(f"monitoring-{contract_id}", *args)
        self.token = token
        self.contract_id = contract_id
        self.keys = keys

    def login(self):
        return None

    def post(self, key, severity, client=None):
        alert = {
            "alert_key": key,
            "summary": f"{key}: threshold exceeded",
            "severity": severity,
            "source": "soak",
        }
        headers = {"Authorization": f"Bearer {self.token}"}
        route = "POST /support/monitoring/alert"
        try:
            resp = (client or self.client).request(
                route,
                "POST",
                "/support/monitoring/alert",
                expect=(200, 201),
                json=alert,
                headers=headers,
            )
        except ActorError:
            return
        body = resp.json()
        ticket = (body.get("ticket") or {}).get("id")
        self.recorder.alert(
            self.contract_id, key, resp.status_code, body.get("status"), ticket
        )

    def step(self):
        key = self.rnd.choice(self.keys)
        severity = self.rnd.choice(["critical", "major", "warning"])
        if self.rnd.random() < 0.25:
            # a duplicate, sent at the same time on a second connection
            other = Client(self.client.base, self.recorder)
            twin = threading.Thread(target=self.post, args=(key, severity, other))
            twin.start()
            self.post(key, severity)
            twin.join()
        else:
            self.post(key, severity)
        self.pause(0.2, 1.0)


class Agent(Actor):
    """Works the queue through JSON-RPC ``call_kw``: reads open tickets of the
    soak's contracts, answers one, resolves some."""

    def __init__(self, login, db, contract_ids, *args):
        super().__init__(f"agent-{login}", *args)
        self.login_name = login
        self.db = db
        self.contract_ids = contract_ids

    def login(self):
        params = {"db": self.db, "login": self.login_name, "password": self.login_name}
        self.client.jsonrpc(
            "POST /web/session/authenticate", "/web/session/authenticate", params
        )

    def call(self, model, method, args, **kwargs):
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.client.jsonrpc(
            f"call_kw {method}", f"/web/dataset/call_kw/{model}/{method}", params
        )

    def step(self):
        domain = [
            ("contract_id", "in", self.contract_ids),
            ("is_resolved", "=", False),
            ("is_closed", "=", False),
        ]
        tickets = self.call(
            "support.ticket",
            "search_read",
            [domain],
            fields=["id", "name", "stage_id", "priority"],
            limit=40,
            order="id desc",
        )
        if not tickets:
            self.pause(1, 2)
            return
        ticket = self.rnd.choice(tickets)
        self.pause(0.5, 2)
        self.call(
            "support.ticket",
            "message_post",
            [[ticket["id"]]],
            body="Thank you, we are looking into it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if self.rnd.random() < 0.4:
            self.pause(0.5, 1.5)
            self.call("support.ticket", "action_resolve", [[ticket["id"]]])
        self.pause()
