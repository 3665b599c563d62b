"""The Starlette application: API routes plus picture hosting, errors in the right dress."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from app.demo.api import PREFIX, api_routes
from app.demo.api_checks import error_response
from app.demo.files import file_routes
from app.demo.state import DemoState


def build_app(state: DemoState) -> Starlette:
    """Unknown paths and wrong methods answer in the error envelope under the API prefix
    and as plain text elsewhere (like a CDN)."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith(PREFIX + "/"):
            return error_response(exc.status_code, str(exc.detail), dict(exc.headers or {}))
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=exc.headers)

    return Starlette(
        routes=[*api_routes(state), *file_routes(state)],
        exception_handlers={HTTPException: http_error},
    )
