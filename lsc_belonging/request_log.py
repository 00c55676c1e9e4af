"""One JSON line per request: what was asked, the answer, how long it took and who asked (by user id only).

The middleware writes the line to the `lsc_belonging.requests` logger; `JsonLineFormatter` (named in
settings.LOGGING) turns any record into one JSON object, so a log shipper needs no parsing rules.
"""

import json
import logging
import re
import time
import uuid

logger = logging.getLogger("lsc_belonging.requests")

# A request id passed on by the reverse proxy is kept only when it looks like one, so a client cannot
# write arbitrary text into the log.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Pages whose address holds a secret (a password reset link): their route is logged instead.
ROUTES_LOGGED_INSTEAD_OF_PATH = {"password_reset_confirm"}
# The attributes every LogRecord has; anything else on a record was passed as `extra` and is logged.
_STANDARD_ATTRIBUTES = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RequestLogMiddleware:
    """Time each request and log it once its answer is ready; sets `request.request_id` and X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        offered = request.headers.get("X-Request-ID", "")
        request.request_id = offered if REQUEST_ID_PATTERN.match(offered) else uuid.uuid4().hex
        response = self.get_response(request)
        user = getattr(request, "user", None)
        fields = {
            "request_id": request.request_id,
            "method": request.method,
            "path": _logged_path(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
        # The message reads well as plain text (LOG_FORMAT=text); the JSON line carries each field too.
        logger.info("%(method)s %(path)s %(status)s %(duration_ms)s ms", fields, extra=fields)
        response["X-Request-ID"] = request.request_id
        return response


def _logged_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in ROUTES_LOGGED_INSTEAD_OF_PATH:
        return "/" + match.route
    return request.path  # never the query string: searches and tokens can travel there


class JsonLineFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, any `extra` fields, and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in record.__dict__.items() if key not in _STANDARD_ATTRIBUTES})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)
