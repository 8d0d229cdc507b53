"""StandIn: a local, stateful Flywheel API on 127.0.0.1 that the real flywheel-sdk talks to."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from flywheel_standin import (
    file_routes,  # noqa: F401  (registers the file endpoints)
    gear_routes,  # noqa: F401  (registers the gears endpoints)
)
from flywheel_standin.errors import HttpError
from flywheel_standin.faults import Fault, first_firing
from flywheel_standin.holds import Hold
from flywheel_standin.hooks import Hook, Hooks, hold
from flywheel_standin.http_body import read_body
from flywheel_standin.routes import Call, dispatch, is_public
from flywheel_standin.seed import read_seed
from flywheel_standin.store import Store

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
READ_ONLY_POSTS = frozenset({"/api/lookup", "/api/resolve"})
DROPPED = 0  # LoggedRequest.status of a request whose connection was dropped
DEFAULT_KEY = "standin-key"
HookT = TypeVar("HookT", bound=Hook)


@dataclass
class LoggedRequest:
    """One request the stand-in received (path is raw, without the query; body is parsed JSON;
    key is the API key it carried, "" for none)."""

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None
    status: int = 0
    key: str = ""

    @property
    def is_write(self) -> bool:
        """Whether the request asks for a change of state."""
        return self.method in WRITE_METHODS and self.path not in READ_ONLY_POSTS


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops concurrent connects (1 s SYN retries)


class StandIn:
    """A Flywheel API stand-in; use as a context manager or call start()/stop()."""

    def __init__(
        self,
        seed: dict[str, Any] | Path | str | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.host = host
        self._requested_port = port
        self._lock = threading.RLock()
        self._store = Store()
        self._store.load(read_seed(seed))
        self._faults: list[Fault] = []
        self._hooks = Hooks()  # race hooks and holds (hooks.py, holds.py)
        self.on_request: Callable[[LoggedRequest], None] | None = None  # after each answer
        self.requests: list[LoggedRequest] = []
        self._generation = 0  # reset() counts up: a request from before it is not served
        self._taken = threading.local()  # per serving thread: the generation it took a request in
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> StandIn:
        """Bind and serve in a background thread."""
        if self._server is not None:
            return self
        server = _Server((self.host, self._requested_port), _handler_class(self))
        self._server = server
        self.port = int(server.server_address[1])
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"flywheel-standin-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        server, self._server = self._server, None
        if server is None:
            return
        self._hooks.release_all()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:8080 (the API is under /api)."""
        return f"http://{self.host}:{self.port}"

    @property
    def accepts_any_key(self) -> bool:
        """Whether every key is accepted (the seed lists no `keys`)."""
        with self._lock:
            return self._store.keys is None

    def api_key(self, key: str | None = None) -> str:
        """An SDK API key that reaches this server over plain HTTP; without `key`, one it
        accepts (the seed's first key, or `standin-key` when any key is accepted)."""
        if key is None:
            with self._lock:
                key = self._store.keys[0] if self._store.keys else DEFAULT_KEY
        return f"{self.host}:{self.port}:__force_insecure:{key}"

    # -- request log ---------------------------------------------------------------------
    def writes(self) -> list[LoggedRequest]:
        """Requests that ask for a change (POST/PUT/PATCH/DELETE except lookup and resolve)."""
        with self._lock:
            return [r for r in self.requests if r.is_write]

    def reads(self) -> list[LoggedRequest]:
        """Every other request."""
        with self._lock:
            return [r for r in self.requests if not r.is_write]

    def clear_requests(self) -> None:
        """Forget the request log."""
        with self._lock:
            self.requests.clear()

    # -- faults --------------------------------------------------------------------------
    def add_fault(self, fault: Fault) -> None:
        """Inject a fault (see Fault)."""
        with self._lock:
            self._faults.append(fault)

    def clear_faults(self) -> None:
        """Remove every fault (and every hold or other hook, released)."""
        with self._lock:
            self._faults.clear()
        self._hooks.clear()

    def add_hold(self, hold: Hold) -> Hold:
        """Hold a chosen request until released (see Hold); the hold."""
        return self.add_hook(hold)

    # -- race hooks (see hooks.py) -------------------------------------------------------
    def add_hook(self, hook: HookT) -> HookT:
        """Install a Gate or Barrier; returns it (to open it or wait for arrivals)."""
        self._hooks.add(hook)
        return hook

    # -- state ---------------------------------------------------------------------------
    def dump(self) -> dict[str, Any]:
        """The state, in the seed's shape."""
        with self._lock:
            return self._store.dump()

    def limit_gear_uploads(self, users: set[str] | None) -> None:
        """Only these users may add gears (403 for others); None: every user (the default)."""
        with self._lock:
            self._store.gear_shelf.uploaders = None if users is None else set(users)

    def load(self, seed: dict[str, Any]) -> None:
        """Replace the state with a seed."""
        with self._lock:
            self._store.load(seed)

    def reset(self, seed: dict[str, Any] | Path | str | None = None) -> StandIn:
        """As new, still serving on its port: the seed's state, no request log, no fault,
        no hook (held requests are released), no request callback; returns itself."""
        state = read_seed(seed)
        with self._lock:
            self._generation += 1
            self._store.load(state)
            self._faults.clear()
            self.requests.clear()
            self.on_request = None
            hooks = self._hooks.take_all()  # under the lock: no request picks one from now on
        for hook in hooks:
            hook.release()  # what they held finds a newer generation: answered 503, unlogged
        return self

    @property
    def generation(self) -> int:
        """How many times reset() ran; a request taken before one is not served after it."""
        with self._lock:
            return self._generation

    # -- serving -------------------------------------------------------------------------
    def mark_taken(self) -> None:
        """The calling (serving) thread has just taken a request, before reading its body: a
        reset from now on makes that request stale (see `handle`)."""
        self._taken.generation = self.generation

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        """Answer one request (called by the HTTP handler threads; subclasses may wrap it). A
        request taken (`mark_taken`) before the last reset is answered 503 and not logged."""
        generation: int | None = getattr(self._taken, "generation", None)
        self._taken.generation = None
        parts = urlsplit(target)
        raw_path = parts.path
        query = parse_qs(parts.query, keep_blank_values=True)
        key = _api_key(headers.get("authorization", ""))
        logged = LoggedRequest(method, raw_path, query, None, 0, key)
        with self._lock:  # a reset comes before or after both: a stale request takes no hook
            if generation is None:
                generation = self._generation
            if generation != self._generation:
                return STALE
            hooks = self._hooks.selected(method, raw_path, unquote(raw_path), key)
        # outside the store's lock: other clients are served meanwhile
        hold(hooks, "before", method, raw_path)
        with self._lock:
            if generation != self._generation:
                return STALE  # reset() came between: the request belongs to an earlier test
            self.requests.append(logged)
            answer = self._answer(method, raw_path, headers, body, logged)
            logged.status = DROPPED if answer.drop else answer.status
            on_request = self.on_request
        if on_request is not None:
            on_request(logged)
        hold(hooks, "after", method, raw_path)
        return answer

    def _answer(
        self,
        method: str,
        raw_path: str,
        headers: dict[str, str],
        body: bytes,
        logged: LoggedRequest,
    ) -> Answer:
        content_type = headers.get("content-type", "")
        if body.strip() and (not content_type or "json" in content_type.lower()):
            with contextlib.suppress(ValueError):
                logged.body = json.loads(body)
        fault = first_firing(self._faults, method, raw_path, unquote(raw_path))
        if fault is not None and fault.when == "before":
            return Answer.fault(fault)
        try:
            if not is_public(method, raw_path):
                self._check_key(headers.get("authorization", ""))
            features = headers.get("x-accept-feature", "").lower()
            call = Call(
                (),
                logged.query,
                logged.body,
                "pagination" in features,
                raw=body,
                content_type=content_type,
                host=headers.get("host", f"{self.host}:{self.port}"),
            )
            status, payload = dispatch(self._store, method, raw_path, call)
        except HttpError as err:
            status, payload = err.status, err.body()
        if fault is not None:
            return Answer.fault(fault)
        return Answer(status, payload)

    def _check_key(self, authorization: str) -> None:
        key = _api_key(authorization)
        if not key:
            raise HttpError(401, "No API key: send Authorization: scitran-user <key>")
        if not self._store.key_accepted(key):
            raise HttpError(401, "Invalid API key")


def _api_key(authorization: str) -> str:
    """The key of an `Authorization: scitran-user <key>` (or Bearer) header; "" if none."""
    scheme, _, key = authorization.strip().partition(" ")
    return key.strip() if scheme.lower() in ("scitran-user", "bearer") else ""


@dataclass(frozen=True)
class Answer:
    """What to send back: a status and JSON payload (or `raw` text of `content_type`), or
    nothing (drop the connection)."""

    status: int
    payload: Any
    drop: bool = False
    raw: str | None = None
    content_type: str = "application/json"

    @staticmethod
    def fault(fault: Fault) -> Answer:
        """The answer an injected fault gives."""
        message = f"Injected fault ({fault.when} the request took effect)"
        payload = {"message": message, "status": fault.status}
        return Answer(fault.status, payload, fault.drop, fault.body, fault.content_type)


STALE = Answer(503, {"message": "The stand-in was reset while this request waited", "status": 503})


def _handler_class(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "flywheel-standin"

        def _serve(self) -> None:
            standin.mark_taken()  # before the body: a reset meanwhile makes the request stale
            headers = {k.lower(): v for k, v in self.headers.items()}
            body = read_body(self.rfile, headers)
            answer = standin.handle(self.command, self.path, headers, body)
            if answer.drop:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if answer.raw is not None:  # a fault's own text
                data, content_type = answer.raw.encode("utf-8"), answer.content_type
            elif isinstance(answer.payload, bytes):  # a file download
                data, content_type = answer.payload, "application/octet-stream"
            else:
                data, content_type = json.dumps(answer.payload).encode("utf-8"), "application/json"
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client went away (killed while a hook held its answer)
                self.close_connection = True

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def do_PUT(self) -> None:
            self._serve()

        def do_PATCH(self) -> None:
            self._serve()

        def do_DELETE(self) -> None:
            self._serve()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the request log is `StandIn.requests`."""

    return Handler
