"""The on-disk cache of parsed framework files and compiled conditions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from amparo.lib import diskcache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AMPARO_CACHE_DIR", str(folder))
    monkeypatch.delenv("AMPARO_CACHE", raising=False)
    return folder


def test_a_parsed_file_is_kept_until_it_changes(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "f.yaml"
    source.write_text("a: 1\n")
    calls: list[Path] = []

    def parse(path: Path) -> dict[str, str]:
        calls.append(path)
        return {"text": path.read_text()}

    assert diskcache.parsed(source, parse) == {"text": "a: 1\n"}
    assert diskcache.parsed(source, parse) == {"text": "a: 1\n"}
    assert len(calls) == 1  # the second read came from the cache
    source.write_text("a: 22\n")  # another size: another key
    os.utime(source, ns=(1, 1))
    assert diskcache.parsed(source, parse) == {"text": "a: 22\n"}
    assert len(calls) == 2


def test_the_cache_is_private_to_the_user(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "f.yaml"
    source.write_text("x")
    diskcache.parsed(source, lambda p: p.read_text())
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for entry in cache.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_compiled_code_is_reused_and_runs(cache: Path) -> None:
    source = "def f(x):\n    return x * 2\n"
    first = diskcache.compiled(source, "<test>")
    assert len(list(cache.glob("code-*"))) == 1
    again = diskcache.compiled(source, "<test>")
    namespace: dict[str, object] = {}
    exec(again, namespace)
    assert namespace["f"](21) == 42  # type: ignore[operator]
    assert again.co_consts == first.co_consts


def test_a_damaged_entry_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "f.yaml"
    source.write_text("x")
    diskcache.parsed(source, lambda p: p.read_text())
    for entry in cache.iterdir():
        entry.write_bytes(b"not a pickle")
    assert diskcache.parsed(source, lambda p: p.read_text()) == "x"
    for entry in cache.glob("code-*"):
        entry.unlink()
    (cache / "junk").write_bytes(b"")
    code = diskcache.compiled("y = 1\n", "<t>")
    for entry in cache.glob("code-*"):
        entry.write_bytes(b"\x00garbage")
    assert diskcache.compiled("y = 1\n", "<t>").co_names == code.co_names


def test_turned_off_or_unwritable_it_only_stops_saving_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "f.yaml"
    source.write_text("x")
    monkeypatch.setenv("AMPARO_CACHE", "0")
    assert diskcache.cache_dir() is None
    assert diskcache.parsed(source, lambda p: p.read_text()) == "x"
    monkeypatch.delenv("AMPARO_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("AMPARO_CACHE_DIR", str(blocker / "cache"))  # cannot be made
    assert diskcache.parsed(source, lambda p: p.read_text()) == "x"
    assert diskcache.compiled("z = 3\n", "<t>").co_names == ("z",)
