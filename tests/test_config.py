"""Settings: the generated file, environment overrides, clear errors naming file and key."""

from __future__ import annotations

import tomllib

import pytest

from collab import config, credentials


def test_generated_file_documents_every_key_and_loads_back(tmp_path):
    path = config.ensure_config_file(tmp_path)
    text = path.read_text("utf-8")
    parsed = tomllib.loads(text)
    for section, keys in config.SCHEMA.items():
        for key, (default, _conv, help_text) in keys.items():
            assert parsed[section][key] == default
            assert help_text in text
    assert config.load(tmp_path, environ={}).values == config.defaults()


def test_environment_overrides_file(tmp_path):
    (tmp_path / "girou.toml").write_text("[portal]\nport = 9000\n", encoding="utf-8")
    settings = config.load(tmp_path, environ={"GIROU_PORTAL_PORT": "9100"})
    assert settings.get("portal", "port") == 9100
    settings = config.load(tmp_path, environ={"GIROU_DATABASE_URL": "postgresql://x/y"})
    assert settings.get("portal", "port") == 9000
    assert settings.database_url == "postgresql://x/y"


@pytest.mark.parametrize(
    ("text", "environ", "expected"),
    [
        ("[portal]\nport = 'abc'\n", {}, "[portal] port"),
        ("[portal]\nport = 70000\n", {}, "port out of range"),
        ("[portal]\nprot = 8000\n", {}, "[portal] prot: unknown key"),
        ("[portail]\nport = 8000\n", {}, "unknown section [portail]"),
        ("[portal\n", {}, "girou.toml"),
        ("", {"GIROU_GIROU_DEMO": "maybe"}, "GIROU_GIROU_DEMO"),
    ],
)
def test_bad_settings_are_named(tmp_path, text, environ, expected):
    (tmp_path / "girou.toml").write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError) as info:
        config.load(tmp_path, environ=environ)
    assert expected in str(info.value)


def test_secrets_generated_private_and_stable(tmp_path):
    first = credentials.ensure_secrets(tmp_path)
    path = credentials.secrets_path(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert len({first.macaroon_secret_key, first.form_secret, first.bot_password}) == 3
    assert credentials.ensure_secrets(tmp_path) == first
