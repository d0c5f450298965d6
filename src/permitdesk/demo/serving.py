"""Where the demo serves, as the settings that print addresses need it: `make run BIND=...`
runs `python -m permitdesk.demo.serving BIND` and passes what it prints (NAME=value words) to
`env` before demo_data and runserver, so permit QR codes, PDFs, e-mails and calendar-feed links
point at the address the demo listens on, and Django accepts requests to it.

    python -m permitdesk.demo.serving 127.0.0.1:8080
    PUBLIC_URL=http://127.0.0.1:8080 ALLOWED_HOSTS=localhost,127.0.0.1

A PUBLIC_URL or ALLOWED_HOSTS already in the environment wins (a tunnel or proxy in front).
BIND on every address (0.0.0.0, ::) is reached from other machines at this machine's address
on its network (the one its default route leaves from), so that is the address printed.
No Django here: it runs before the settings exist.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_BIND = "127.0.0.1:8000"
EVERY_ADDRESS = {"0.0.0.0", "::"}  # the wildcard binds
LOCAL_NAMES = ("localhost", "127.0.0.1")
# A documentation address (RFC 5737): connecting a UDP socket towards it sends nothing, and
# picks the address the default route leaves from.
_PROBE = ("192.0.2.1", 9)


class BindError(ValueError):
    """BIND is not host:port or port."""


@dataclass(frozen=True)
class Serving:
    host: str  # the host name or address people reach (never a wildcard)
    port: int
    public_url: str
    allowed_hosts: tuple[str, ...]

    def env(self) -> dict[str, str]:
        return {"PUBLIC_URL": self.public_url, "ALLOWED_HOSTS": ",".join(self.allowed_hosts)}


def split_bind(bind: str) -> tuple[str, int]:
    """runserver's forms: "8000" (on 127.0.0.1), "host:8000", "[::1]:8000"."""
    text = bind.strip()
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text  # runserver's default address
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise BindError(
            f"BIND '{bind}': expected host:port or port, the port a number from 1 to 65535 "
            f"(e.g. {DEFAULT_BIND})"
        )
    return host, int(port)


def network_address() -> str:
    """This machine's address on its network; 127.0.0.1 when it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            found = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    return found if found and found != "0.0.0.0" else "127.0.0.1"


def _url_host(host: str) -> str:
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host  # a host name


def serving(bind: str, environ: Mapping[str, str] | None = None) -> Serving:
    environ = os.environ if environ is None else environ
    host, port = split_bind(bind)
    reached = network_address() if host in EVERY_ADDRESS else host
    public_url = environ.get("PUBLIC_URL", "").strip().rstrip("/")
    if not public_url:
        public_url = f"http://{_url_host(reached)}:{port}"
    given = [h.strip() for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    public_host = urlsplit(public_url).hostname or reached
    hosts = given or [*LOCAL_NAMES, _url_host(reached), _url_host(public_host)]
    return Serving(reached, port, public_url, tuple(dict.fromkeys(hosts)))


def main(argv: list[str]) -> int:
    bind = argv[0] if argv else DEFAULT_BIND
    try:
        found = serving(bind)
    except BindError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(" ".join(f"{name}={value}" for name, value in found.env().items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
