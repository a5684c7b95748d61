"""deploy/ holds what an operator runs: a non-root image with the packs inside, compose
with Redis, a hardened systemd unit for one machine, Kubernetes with probes, secrets by
reference and a disruption budget, and an .env.example that lists exactly the settings the
bot reads."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from decision_aid.exit_codes import ExitCode
from decision_aid.slack.config import ENV_VARS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
READ_ELSEWHERE = {"DECISION_AID_RULES", "PORT", "HTTPS_PROXY"}  # core, CLI, slack_sdk


def docs(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def test_dockerfile_runs_the_bot_as_a_non_root_user_with_the_packs_in_its_wheel() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    final = text.rsplit("\nFROM ", 1)[1]

    user = re.search(r"^USER (\d+)", final, re.M)
    assert user and int(user.group(1)) > 0
    assert "pip wheel" in text and '[slack]"' in final
    assert 'ENTRYPOINT ["decision-aid"]' in final and '"slack", "--http"' in final
    pyproject = (DEPLOY.parent / "pyproject.toml").read_text()
    assert '"rules" = "decision_aid/_data/rules"' in pyproject  # packs travel in the wheel


def test_compose_runs_the_bot_with_redis() -> None:
    (compose,) = docs(DEPLOY / "compose.yaml")
    bot, redis = compose["services"]["bot"], compose["services"]["redis"]

    assert bot["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert bot["depends_on"]["redis"]["condition"] == "service_healthy"
    assert bot["env_file"] == ".env" and bot["read_only"] is True
    assert "redis-server" in redis["command"]


def test_kubernetes_has_probes_secret_references_and_a_disruption_budget() -> None:
    folder = DEPLOY / "kubernetes"
    (deployment,) = docs(folder / "deployment.yaml")
    (service,) = docs(folder / "service.yaml")
    (pdb,) = docs(folder / "pdb.yaml")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]

    assert deployment["spec"]["replicas"] >= 2
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    secrets = {e["name"] for e in container["env"] if "valueFrom" in e}
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "REDIS_URL"} <= secrets
    for env in container["env"]:
        if "value" in env:
            assert not re.search(r"xox[bpe]-|xapp-", str(env["value"])), env["name"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    assert pdb["kind"] == "PodDisruptionBudget"
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert pdb["spec"]["minAvailable"] < deployment["spec"]["replicas"]


def test_env_example_lists_exactly_the_settings_read() -> None:
    keys = {line.split("=", 1)[0] for line in (DEPLOY / ".env.example").read_text().splitlines()
            if line and not line.startswith("#")}

    assert keys == set(ENV_VARS) | READ_ELSEWHERE


def unit_settings(text: str) -> dict[str, list[str]]:
    """A systemd unit's settings (a key may repeat), comments and sections dropped."""
    settings: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def test_the_systemd_unit_runs_the_bot_reloads_on_hup_and_does_not_restart_on_bad_settings(
        tmp_path: Path) -> None:
    text = (DEPLOY / "systemd" / "decision-aid-slack.service").read_text()
    unit = unit_settings(text)

    assert unit["ExecStart"][0].split()[1:] == ["slack"]
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]  # packs reload on SIGHUP
    assert unit["RestartPreventExitStatus"] == [str(int(ExitCode.BAD_INPUT))]
    assert unit["DynamicUser"] == ["yes"] and unit["NoNewPrivileges"] == ["yes"]
    assert unit["EnvironmentFile"] == ["/etc/decision-aid/env"]
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    checked = tmp_path / "decision-aid-slack.service"  # its ExecStart must exist to verify
    checked.write_text(text.replace(unit["ExecStart"][0].split()[0], shutil.which("true") or ""))
    done = subprocess.run([analyze, "verify", str(checked)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
