"""A boundary stand-in for Stripe: a small real HTTP server on a free localhost port that
speaks the few endpoints PermitDesk's Stripe provider uses, with the shapes the official SDK
reads, so the real SDK is driven against it (Stripe itself cannot be reached from here).

POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id}, GET /v1/payment_intents/{id},
POST /v1/refunds (idempotency keys honoured as Stripe does; a refund reports `refund_status`,
"succeeded" unless a test says "pending", then settles with refund_settles()), and a hosted page
/pay/{id} whose button completes the session and returns to its success_url. Events are signed as
Stripe signs them: Stripe-Signature: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<payload>")."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


def sign(payload: bytes, secret: str, timestamp: int) -> str:
    """The Stripe-Signature header Stripe would send with `payload` at `timestamp`."""
    t = timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def _nested(form: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (line_items[0][price_data][unit_amount]=6000) as a dict."""
    out: dict[str, Any] = {}
    for key, value in form:
        parts = key.replace("]", "").split("[")
        here = out
        for part in parts[:-1]:
            here = here.setdefault(part, {})
        here[parts[-1]] = value
    return out


def _listing(url: str, data: list[dict[str, Any]]) -> dict[str, Any]:
    return {"object": "list", "url": url, "has_more": False, "data": data}


class StripeStandIn:
    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        # What a new refund reports: Stripe's "pending" for a bank that takes days
        self.refund_status = "succeeded"
        self.keys: dict[str, dict[str, Any]] = {}  # idempotency key -> the first response
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.payouts: dict[str, dict[str, Any]] = {}
        self.moves: dict[str, list[dict[str, Any]]] = {}  # payout id -> balance transactions
        self.lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
                self.end_headers()
                self.wfile.write(data)

            def _form(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                return _nested(parse_qsl(raw, keep_blank_values=True))

            def do_GET(self) -> None:
                stand_in.requests.append(("GET", self.path, {}))
                parts = self.path.split("?")[0].strip("/").split("/")
                query = _nested(parse_qsl(self.path.partition("?")[2]))
                if parts == ["v1", "payouts"]:
                    window = query.get("arrival_date", {})
                    found = [
                        p
                        for p in stand_in.payouts.values()
                        if int(window.get("gte", 0))
                        <= p["arrival_date"]
                        < int(window.get("lt", 2**40))
                    ]
                    return self._reply(200, _listing("/v1/payouts", found))
                if parts == ["v1", "balance_transactions"]:
                    moves = stand_in.moves.get(query.get("payout", ""), [])
                    return self._reply(200, _listing("/v1/balance_transactions", moves))
                if parts[:3] == ["v1", "checkout", "sessions"] and len(parts) == 4:
                    found = stand_in.sessions.get(parts[3])
                    return self._found(found, parts[3])
                if parts[:2] == ["v1", "payment_intents"] and len(parts) == 3:
                    for s in stand_in.sessions.values():
                        if s["payment_intent"] == parts[2]:
                            intent = {"id": parts[2], "object": "payment_intent"}
                            intent |= {"amount": s["amount_total"], "status": "succeeded"}
                            return self._reply(200, intent)
                    return self._found(None, parts[2])
                if parts[0] == "pay" and len(parts) == 2 and parts[1] in stand_in.sessions:
                    s = stand_in.sessions[parts[1]]
                    page = (
                        "<!doctype html><html lang=en><title>Stand-in checkout</title><main>"
                        f"<h1>Pay ${s['amount_total'] / 100:.2f}</h1>"
                        f"<form method=post action='/pay/{parts[1]}'>"
                        "<button>Pay</button></form></main></html>"
                    ).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                    return None
                return self._found(None, self.path)

            def _found(self, found: dict[str, Any] | None, name: str) -> None:
                if found is None:
                    error = {"type": "invalid_request_error", "message": f"No such: '{name}'"}
                    return self._reply(404, {"error": error})
                return self._reply(200, found)

            def do_POST(self) -> None:
                form = self._form()
                stand_in.requests.append(("POST", self.path, form))
                key = self.headers.get("Idempotency-Key")
                with stand_in.lock:
                    if key and key in stand_in.keys:
                        return self._reply(200, stand_in.keys[key])
                    if self.path == "/v1/checkout/sessions":
                        body = stand_in._create_session(form, self.headers["Host"])
                    elif self.path == "/v1/refunds":
                        body = stand_in._create_refund(form)
                    elif self.path.startswith("/pay/"):
                        session = stand_in.complete(self.path.split("/")[2])
                        self.send_response(303)
                        self.send_header("Location", session["success_url"])
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return None
                    else:
                        return self._found(None, self.path)
                    if key:
                        stand_in.keys[key] = body
                return self._reply(200, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StripeStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _create_session(self, form: dict[str, Any], host: str) -> dict[str, Any]:
        item = form["line_items"]["0"]
        amount = int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
        sid = f"cs_test_{secrets.token_hex(12)}"
        session = {
            "id": sid,
            "object": "checkout.session",
            "mode": form.get("mode", "payment"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": amount,
            "currency": item["price_data"]["currency"],
            "client_reference_id": form.get("client_reference_id"),
            "metadata": form.get("metadata", {}),
            "customer_email": form.get("customer_email"),
            "payment_intent": None,
            "success_url": form["success_url"],
            "cancel_url": form["cancel_url"],
            "url": f"{self.url}/pay/{sid}",
        }
        self.sessions[sid] = session
        return session

    def _create_refund(self, form: dict[str, Any]) -> dict[str, Any]:
        rid = f"re_{secrets.token_hex(10)}"
        refund = {
            "id": rid,
            "object": "refund",
            "amount": int(form["amount"]),
            "payment_intent": form["payment_intent"],
            "status": self.refund_status,
        }
        self.refunds[rid] = refund
        return refund

    def complete(self, session_id: str) -> dict[str, Any]:
        """The customer paid on the hosted page: the session as Stripe then reports it."""
        session = self.sessions[session_id]
        if session["status"] == "open":
            session["status"] = "complete"
            session["payment_status"] = "paid"
            session["payment_intent"] = f"pi_{secrets.token_hex(10)}"
        return session

    def pay_out(self, items: list[tuple[str, int]], arrival: int) -> str:
        """A payout arriving at `arrival` (unix time) carrying `items`: (payment intent id,
        cents; negative for a refund). Its id."""
        pid = f"po_{secrets.token_hex(10)}"
        moves = [
            {
                "id": f"txn_{secrets.token_hex(10)}",
                "object": "balance_transaction",
                "type": "charge" if cents > 0 else "refund",
                "amount": cents,
                "source": {
                    "id": f"{'ch' if cents > 0 else 're'}_{secrets.token_hex(8)}",
                    "object": "charge" if cents > 0 else "refund",
                    "payment_intent": intent,
                },
            }
            for intent, cents in items
        ]
        moves.append(
            {
                "id": f"txn_{secrets.token_hex(10)}",
                "object": "balance_transaction",
                "type": "payout",
                "amount": -sum(c for _, c in items),
                "source": pid,
            }
        )
        self.payouts[pid] = {
            "id": pid,
            "object": "payout",
            "amount": sum(c for _, c in items),
            "arrival_date": arrival,
            "currency": "usd",
            "status": "paid",
        }
        self.moves[pid] = moves
        return pid

    def expire(self, session_id: str) -> dict[str, Any]:
        session = self.sessions[session_id]
        session["status"] = "expired"
        return session

    def refund_settles(
        self, refund_id: str, status: str, created: int, kind: str = "refund.updated"
    ) -> bytes:
        """The refund now `status` (succeeded, failed, canceled) at Stripe, and the body of the
        event Stripe posts about it (`refund.updated`, or `charge.refund.updated`, its name
        before API version 2024-10-28)."""
        self.refunds[refund_id]["status"] = status
        return self.event(kind, dict(self.refunds[refund_id]), created)

    @staticmethod
    def event(kind: str, obj: dict[str, Any], created: int, event_id: str | None = None) -> bytes:
        """An event's body, as Stripe posts it to a webhook endpoint."""
        return json.dumps(
            {
                "id": event_id or f"evt_{secrets.token_hex(12)}",
                "object": "event",
                "type": kind,
                "created": created,
                "livemode": False,
                "api_version": "2025-01-27.acacia",
                "data": {"object": obj},
            }
        ).encode()
