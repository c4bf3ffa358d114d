"""The connection test names the layer that failed, against the real simulator and real sockets."""

from __future__ import annotations

import pytest
from caretools import connect, run

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.technician.connection_test import check_destination
from sync.credentials import set_token
from sync.sim.process import SimHandle


def test_each_failing_layer_is_named(sim: SimHandle, closed_port: int, silent_port: int) -> None:
    base = sim.base_url
    cases = [
        ("registry", sim.registry_url, sim.token, "ok"),
        ("immigration", sim.immigration_url, sim.token, "ok"),
        ("registry", "http://tidak-ada-server.invalid:8765/registry", sim.token, "dns"),
        ("registry", f"http://127.0.0.1:{closed_port}/registry", sim.token, "refused"),
        ("registry", sim.registry_url.replace("http://", "https://"), sim.token, "tls"),
        ("registry", f"http://127.0.0.1:{silent_port}/registry", sim.token, "timeout"),
        ("registry", sim.registry_url, "token-yang-salah", "auth"),
        ("registry", base + "/registri", sim.token, "wrong_path"),
        ("registry", sim.immigration_url, sim.token, "wrong_path"),
        ("immigration", base, sim.token, "wrong_path"),
        ("registry", sim.registry_url, None, "no_token"),
        ("registry", "", sim.token, "no_url"),
        ("registry", "ftp://server/registry", sim.token, "bad_url"),
    ]
    for destination, url, token, expected in cases:
        result = check_destination(destination, url, token, timeout=0.5)
        assert result.problem == expected, (url, result)
        assert result.ok is (expected == "ok"), result
        assert result.detail, result
        if token:
            assert token not in result.detail
    by_problem = {
        case[3]: check_destination(case[0], case[1], case[2], timeout=0.5).detail
        for case in cases[2:8]
    }
    assert "DNS" in by_problem["dns"]
    assert "ditolak" in by_problem["refused"]
    assert "TLS" in by_problem["tls"]
    assert "batas waktu" in by_problem["timeout"]
    assert "401" in by_problem["auth"]
    assert "404" in by_problem["wrong_path"]


def test_an_offline_line_is_refused_and_the_health_probe_needs_no_token(sim: SimHandle) -> None:
    probe = check_destination("registry", sim.registry_url, None, check_token=False, timeout=1)
    assert probe.ok and probe.server_time, probe
    sim.set_faults(offline=True)
    result = check_destination("registry", sim.registry_url, sim.token, timeout=1)
    assert not result.ok and result.problem in {"refused", "cut"}, result


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_credentials_test_verb(workspace: Workspace, sim: SimHandle) -> None:
    connect(workspace, sim)
    good = run("credentials", "test", "--json", data_dir=workspace.data_dir)
    assert good.code == 0, str(good)
    payload = good.json()
    assert payload["ok"] is True
    assert {d["destination"]: d["problem"] for d in payload["destinations"]} == {
        "registry": "ok",
        "immigration": "ok",
    }
    set_token("immigration", "52.03", "dicabut-kemarin")
    bad = run("credentials", "test", "--json", data_dir=workspace.data_dir)
    assert bad.code == 1, str(bad)
    rows = {d["destination"]: d for d in bad.json()["destinations"]}
    assert rows["registry"]["ok"] is True
    assert rows["immigration"]["problem"] == "auth" and rows["immigration"]["status"] == 401
    text = run("credentials", "test", data_dir=workspace.data_dir)
    assert text.code == 1 and "[GAGAL] immigration" in text.stdout and "401" in text.stdout
    for result in (good, bad, text):
        assert sim.token not in result.stdout + result.stderr
        assert "dicabut-kemarin" not in result.stdout + result.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_credentials_test_never_takes_a_token_to_another_address(
    workspace: Workspace, sim: SimHandle, closed_port: int
) -> None:
    """The token was entered for the sim; config.toml now names another server: the test names
    the mismatch and says how to fix it, and does not try the token there."""
    connect(workspace, sim)
    set_token("registry", "52.03", sim.token, url=sim.registry_url)
    config = workspace.config
    config.set("registry.url", f"http://127.0.0.1:{closed_port}/registry")
    config.save()
    result = run("credentials", "test", "--json", data_dir=workspace.data_dir)
    assert result.code == 1, str(result)
    rows = {d["destination"]: d for d in result.json()["destinations"]}
    assert rows["registry"]["problem"] == "token_elsewhere"
    assert "credentials set registry" in rows["registry"]["detail"]
    assert rows["immigration"]["ok"] is True
    assert sim.token not in result.stdout + result.stderr
