"""The web app: routes, templates, the read-only engine, errors, and the optional password.

Every response carries a Content-Security-Policy that allows no script at all: the pages
need none, and archived text that slipped past escaping still could not run.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import secrets
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import Message, Receive, Scope, Send

from archive.timestamps import table_time
from archive.web import api, pages

HERE = Path(__file__).resolve().parent
logger = logging.getLogger("archive.web")

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def create_app(engine: Engine, zone: str, credentials: tuple[str, str] | None = None) -> Guard:
    """The app over ``engine`` (a read-only one: archive.web.readonly); dates typed without
    an offset are read in ``zone``; ``credentials`` (user, password) turn on HTTP basic auth
    for every path."""
    app = Starlette(
        routes=[
            *pages.ROUTES,
            *api.ROUTES,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine)
    app.state.zone = zone
    app.state.templates = Jinja2Templates(env=_environment())
    return Guard(app, credentials)


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "atom"], default=True),
    )
    environment.filters["minutes"] = minutes
    environment.filters["marked"] = marked
    environment.filters["table_time"] = table_time
    return environment


def minutes(iso: str | None) -> str:
    """A record's ISO time shown to the minute, in the zone it carries (the article's)."""
    return datetime.fromisoformat(iso).isoformat(timespec="minutes") if iso else ""


_MARK = re.compile(r"\[([^\[\]]*)\]")


def marked(snippet: str) -> Markup:
    """A search snippet with its ``[matched words]`` in <mark>; every piece escaped."""
    shown: list[str] = []
    position = 0
    for match in _MARK.finditer(snippet):
        shown.append(str(escape(snippet[position : match.start()])))
        shown.append(f"<mark>{escape(match.group(1))}</mark>")
        position = match.end()
    shown.append(str(escape(snippet[position:])))
    return Markup("".join(shown))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": error.detail}, status_code=error.status_code)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": error.status_code, "message": error.detail},
        status_code=error.status_code,
    )


async def _server_error(request: Request, error: Exception) -> Response:
    # The traceback goes to the log, never to the browser: it can name files, queries and
    # archived text.
    logger.error("%s %s failed", request.method, request.url.path, exc_info=error)
    if _wants_json(request):
        return JSONResponse({"error": "internal server error"}, status_code=500)
    return PlainTextResponse("500 internal server error (see the server's log)", status_code=500)


class Guard:
    """Adds the security headers to every response and, with credentials, asks for them."""

    def __init__(self, app: Starlette, credentials: tuple[str, str] | None) -> None:
        self.app = app
        self.credentials = credentials
        self.state = app.state  # the engine and the sessions, for whoever holds the app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        if self.credentials is not None and not self._authorized(scope):
            response = PlainTextResponse(
                "401 log in to read this archive",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="newsarchive", charset="UTF-8"'},
            )
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _authorized(self, scope: Scope) -> bool:
        assert self.credentials is not None
        header = dict(scope.get("headers", [])).get(b"authorization", b"")
        scheme, _, encoded = header.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            given = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, _, password = given.partition(":")
        expected_user, expected_password = self.credentials
        # Both compared every time, in constant time, so a timing says nothing of either.
        user_ok = secrets.compare_digest(user.encode(), expected_user.encode())
        password_ok = secrets.compare_digest(password.encode(), expected_password.encode())
        return user_ok and password_ok


def parse_credentials(value: str) -> tuple[str, str]:
    """``user:password`` (the password may hold colons). Raises ValueError."""
    user, colon, password = value.partition(":")
    if not colon or not user or not password:
        raise ValueError("give the credentials as USER:PASSWORD, both non-empty")
    return user, password
