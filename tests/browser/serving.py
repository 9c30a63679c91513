"""Serving dist/ and finding Chromium: shared by the browser tests and `make bench`."""

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"

# Without the background-networking flags Chromium tries to reach Google; this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # performance.measureUserAgentSpecificMemory() answers at once, not at the next garbage collection
    "--enable-blink-features=ForceEagerMeasureMemory",
]


def chromium_path() -> str | None:
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")  # None: Playwright's own browser, if installed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    """Wait for the server's "Serving ... on <url>" line (scripts/serve.mjs prints it once it listens)."""
    ready, _, _ = select.select([server.stdout], [], [], timeout)
    line = server.stdout.readline() if ready else ""
    if f"on {url}" not in line:
        said = line + (server.stdout.read() if server.poll() is not None else "")  # it exited: all it said
        raise RuntimeError(f"the server did not come up at {url} within {timeout} s:\n{said}")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


@contextmanager
def served_dist(port: int | None = None, root: Path = DIST):
    """dist/ (or root), served the way `make serve` serves it; yields the origin, e.g. http://127.0.0.1:8123."""
    if not (root / "index.html").exists():
        raise RuntimeError(f"{root}/index.html is missing: run `make build` first (`make test` does)")
    port = port or free_port()
    server = subprocess.Popen(
        ["node", "scripts/serve.mjs", str(root)], env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port)},
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group: npx and the server stop together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", server)
        yield url
    finally:
        stop(server)


@contextmanager
def plain_static_server(root: Path):
    """Python's own http.server: files and their types, and no other header of ours."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        ready, _, _ = select.select([server.stdout], [], [], 30)
        line = server.stdout.readline() if ready else ""
        assert "Serving HTTP" in line, f"http.server did not come up: {line!r}"
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)
