"""The container files: Dockerfile, compose.yaml and .env.example, checked without a container runtime.

No Docker runs on these machines, so the image's build-time steps (the ``vraagbaak`` lines of
the Dockerfile: build the index, show its status) run here in a fresh data directory, and
compose.yaml is parsed and checked: services, health checks, volumes, and that every setting
it or .env.example names is one the bot knows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# Settings of parallel work (the staff workspace) that compose.yaml and .env.example already name.
ELSEWHERE = {"VRAAGBAAK_WEB_LISTEN", "VRAAGBAAK_WEB_PORT"}
KNOWN = {f"VRAAGBAAK_{name.upper()}" for name in Settings.model_fields} | {"TELEGRAM_BOT_TOKEN"} | ELSEWHERE


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of the Dockerfile, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in dockerfile_instructions():
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def test_dockerfile_is_multi_stage_slim_non_root_with_a_healthcheck() -> None:
    build, runtime = stages()
    assert "slim" in dict(dockerfile_instructions())["ARG"]
    assert any(args.startswith("vraagbaak reindex") for op, args in build if op == "RUN"), "index built at build time"
    runtime_ops = dict(runtime)
    assert runtime_ops["USER"] not in ("root", "0")
    assert "--from=build" in runtime_ops["COPY"]
    assert "/healthz" in " ".join(args for op, args in runtime if op in ("HEALTHCHECK", "ENV"))
    assert runtime_ops["ENTRYPOINT"] == '["vraagbaak"]' and runtime_ops["CMD"] == '["run"]'


@pytest.mark.model
def test_the_image_build_steps_run_in_a_fresh_data_dir(tmp_path: Path, model_cache_dir: Path) -> None:
    """The Dockerfile's ``RUN vraagbaak ...`` lines, as the build runs them (converted model reused)."""
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    (data_dir / "models").symlink_to(model_cache_dir, target_is_directory=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("VRAAGBAAK_")}
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update({"VRAAGBAAK_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "PATH": path, "PYTHONPATH": str(ROOT)})  # fmt: skip
    steps = [args for op, args in stages()[0] if op == "RUN" and args.startswith("vraagbaak ")]
    assert steps == ["vraagbaak reindex --json", "vraagbaak index status"]
    outputs, logs = [], []
    for step in steps:
        done = subprocess.run(step, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
        logs.append(done.stderr)
    stage_lines = ["Embedding 327 chunks", "Building FAISS and BM25", "Publishing index version", "Reindex done"]
    positions = [logs[0].find(line) for line in stage_lines]
    assert -1 not in positions and positions == sorted(positions), logs[0]
    assert "LOAD REPORT" not in logs[0] and "bm25s" not in logs[0]
    assert '"published": true' in outputs[0].replace(" ", "").replace('"published":true', '"published": true')
    assert "chunks" in outputs[1].lower()
    assert "Traceback" not in outputs[0] + outputs[1]


def compose() -> dict[str, object]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_has_the_bot_workspace_database_and_a_one_shot_reindex() -> None:
    services = compose()["services"]
    assert isinstance(services, dict)
    assert set(services) == {"db", "bot", "workspace", "reindex"}
    assert services["bot"]["command"] == ["run"]
    assert services["workspace"]["command"] == ["web"]
    assert services["reindex"]["command"][0] == "reindex" and services["reindex"]["restart"] == "no"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    for name in ("db", "bot", "workspace"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("bot", "workspace"):
        assert "/healthz" in services[name]["environment"]["HEALTHCHECK_URL"]
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["environment"]["VRAAGBAAK_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert set(compose()["volumes"]) == {"data", "pgdata"}


def test_every_setting_compose_names_is_known() -> None:
    named = set(re.findall(r"\bVRAAGBAAK_[A-Z_]+", (ROOT / "compose.yaml").read_text(encoding="utf-8")))
    assert named and named <= KNOWN, named - KNOWN


def test_env_example_names_every_readme_setting_and_the_webhook_settings() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?\s*(VRAAGBAAK_[A-Z_]+)=", example, flags=re.MULTILINE))
    readme = set(re.findall(r"\bVRAAGBAAK_[A-Z_]+", (ROOT / "README.md").read_text(encoding="utf-8")))
    webhook = {f"VRAAGBAAK_WEBHOOK_{part}" for part in ("URL", "LISTEN", "PORT", "SECRET")}
    assert readme | webhook <= named, (readme | webhook) - named
    assert named <= KNOWN, named - KNOWN


def test_env_example_values_are_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("VRAAGBAAK_") and "=" in line:
            name, value = line.split("=", 1)
            if name not in ELSEWHERE:
                monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.telegram_token is None and settings.webhook_url is None
    assert settings.log_level == "INFO"


def test_systemd_units_for_the_bot_and_the_workspace() -> None:
    units = ROOT / "docs" / "systemd"
    bot = (units / "vraagbaak-bot.service").read_text(encoding="utf-8")
    web = (units / "vraagbaak-web.service").read_text(encoding="utf-8")
    assert "vraagbaak run" in bot and "vraagbaak web" in web
    for unit in (bot, web):
        assert "User=vraagbaak" in unit and "EnvironmentFile=" in unit and "Restart=" in unit
