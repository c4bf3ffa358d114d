"""Finding 6 (configuration): values that would switch a wall off are refused, both through
``config set`` and when written into ``config.toml`` by hand (any local Windows user may).

- ``ui.idle_lock_minutes 99999999999999999999`` turned the idle lock off (the timer overflows);
- ``office.logo`` accepted a network share, which Windows opens by signing in to that host with
  the counter account's password hash;
- ``http://`` destination URLs were accepted with no word, and the token travels in clear.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import tomli_w

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.services.letters import OfficeSettings
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.ui.idle_lock import idle_minutes


def configured(data_dir: Path, **sections: dict[str, object]) -> Config:
    """config.toml as a hand edit leaves it (no validation on the way in)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    base: dict[str, dict[str, object]] = {"office": {"code": "52.03"}, "counter": {"id": "L-01"}}
    for section, values in sections.items():
        base.setdefault(section, {}).update(values)
    (data_dir / "config.toml").write_text(tomli_w.dumps(base), encoding="utf-8")
    return Config.load(data_dir)


# ------------------------------------------------------------------------------------------------
# the idle lock


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-5", "100000"])
def test_idle_lock_minutes_out_of_bounds_are_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"ui\.idle_lock_minutes"):
        Config(tmp_path).set("ui.idle_lock_minutes", value)


def test_a_hand_written_huge_idle_time_keeps_the_lock_on(tmp_path: Path) -> None:
    config = configured(tmp_path, ui={"idle_lock_minutes": 99999999999999999999})
    with pytest.raises(ConfigError, match=r"ui\.idle_lock_minutes"):
        config.get("ui.idle_lock_minutes")
    # The window falls back to the default instead of never locking.
    assert idle_minutes(SimpleNamespace(config=config)) == 10  # type: ignore[arg-type]


def test_a_sensible_idle_time_is_kept(tmp_path: Path) -> None:
    config = Config(tmp_path)
    config.set("ui.idle_lock_minutes", "15")
    assert idle_minutes(SimpleNamespace(config=config)) == 15  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------
# the office logo

SHARES = [
    r"\\kantor-lain\share\logo.png",
    "//kantor-lain/share/logo.png",
    r"\\?\UNC\kantor-lain\share\logo.png",
    r"\??\UNC\kantor-lain\share\logo.png",  # NT's own name of the share: Windows opens it
    "file://kantor-lain/share/logo.png",
    "http://kantor-lain/logo.png",
]


@pytest.mark.parametrize("path", SHARES)
def test_a_network_logo_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(ConfigError, match="jaringan"):
        Config(tmp_path).set("office.logo", path)


@pytest.mark.parametrize("path", SHARES[:2])
def test_a_hand_written_network_logo_is_never_opened(tmp_path: Path, path: str) -> None:
    """Printing reads the logo through the settings: it stops at the refusal, before any file
    (or share) is touched."""
    config = configured(tmp_path, office={"logo": path})
    with pytest.raises(ConfigError, match=r"office\.logo"):
        OfficeSettings.from_config(config)


def test_a_local_logo_is_fine(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"")
    assert Config(tmp_path).set("office.logo", str(logo)) == str(logo)


# ------------------------------------------------------------------------------------------------
# http:// destinations


@pytest.mark.parametrize("key", ["registry.url", "immigration.url"])
def test_http_to_another_machine_is_refused_unless_forced(tmp_path: Path, key: str) -> None:
    config = Config(tmp_path)
    with pytest.raises(ConfigError, match=r"sync\.allow_http"):
        config.set(key, "http://10.0.0.5:8000/api")
    assert config.set(key, "https://10.0.0.5:8000/api") == "https://10.0.0.5:8000/api"
    config.set("sync.allow_http", "true")  # the technician's explicit choice
    assert config.set(key, "http://10.0.0.5:8000/api") == "http://10.0.0.5:8000/api"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/registry", "http://localhost:8000"])
def test_http_on_this_pc_stays_allowed(tmp_path: Path, url: str) -> None:
    """The simulator and training mode run on this PC: nothing crosses a network."""
    assert Config(tmp_path).set("registry.url", url) == url


def test_a_hand_written_http_url_sends_no_token(tmp_path: Path) -> None:
    config = configured(tmp_path, registry={"url": "http://pencuri.example/registry"})
    with pytest.raises(ConfigError, match=r"registry\.url"):
        destination_configs(config)
