#!/usr/bin/env python3
"""Take the README's screenshots from a running demo (``make run``).

    python3 dev/screenshots.py --url http://127.0.0.1:8069 --db support_demo

Logs in as each demo user over JSON-RPC, then drives headless Chromium through
its DevTools protocol (websocket-client) with that session cookie and saves PNG
files under ``docs/screenshots/``.
"""

import argparse
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [
    # (file, login, path)
    ("portal_support_home.png", "keyuser", "/my/support"),
    ("portal_tickets.png", "keyuser", "/my/tickets"),
    ("portal_ticket_page.png", "keyuser", None),  # first ticket of the list
    ("portal_new_ticket.png", "keyuser", "/my/tickets/new"),
    ("portal_contract.png", "keyuser", "/my/support/contract"),
    ("portal_hours.png", "keyuser", "/my/support/hours"),
    ("agent_kanban.png", "agent", "/odoo/support-tickets?view_type=kanban"),
]


def login(url, db, user):
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "params": {"db": db, "login": user, "password": user},
        }
    ).encode()
    req = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        cookie = resp.headers.get("Set-Cookie", "")
        result = json.load(resp)
    if "error" in result:
        raise SystemExit(f"login {user} failed: {result['error']['message']}")
    return cookie.split("session_id=")[1].split(";")[0]


class Chrome:
    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp()
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as resp:
                    pages = [p for p in json.load(resp) if p["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"])
        self.msg_id = 0

    def call(self, method, **params):
        self.msg_id += 1
        self.ws.send(
            json.dumps({"id": self.msg_id, "method": method, "params": params})
        )
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.msg_id:
                return msg.get("result", {})

    def shoot(self, url, cookie, target):
        host = url.split("//")[1].split(":")[0].split("/")[0]
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=cookie, domain=host)
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        # let the portal scripts, or the whole web client, render
        time.sleep(20 if "/odoo" in url else 6)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        target.write_bytes(base64.b64decode(data))

    def evaluate(self, expression):
        res = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return res.get("result", {}).get("value")

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="support_demo")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chrome = Chrome()
    try:
        cookies = {}
        for name, user, path in SHOTS:
            cookie = cookies.setdefault(user, login(args.url, args.db, user))
            if path is None:
                chrome.shoot(f"{args.url}/my/tickets", cookie, out / name)
                href = chrome.evaluate(
                    '(document.querySelector(\'a[href^="/my/tickets/"]'
                    ":not([href$=\"new\"])') || {}).getAttribute?.('href')"
                )
                path = href or "/my/tickets"
            chrome.shoot(f"{args.url}{path}", cookie, out / name)
            print(f"{name}: {path}")
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
