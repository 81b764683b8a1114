from pathlib import Path

import pytest

from sigact.codebook import BUNDLED, CodebookError, load_codebook


def test_bundled_codebook_is_valid_and_sourced() -> None:
    cb = load_codebook()
    assert set(cb.events.event_types) == {"remote_attack", "air_strike", "armed_clash"}
    assert all(a.source.startswith("http") for a in cb.actors.actors)
    assert all(o.source.startswith("http") for o in cb.outlets.outlets)


def test_malformed_file_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "weapons.yaml").write_text("weapons:\n  laser: [laser]\n")
    with pytest.raises(CodebookError, match=r"weapons.yaml.*laser"):
        load_codebook(tmp_path)


def test_invalid_yaml(tmp_path: Path) -> None:
    (tmp_path / "actors.yaml").write_text("actors: [unclosed\n")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(tmp_path)


def test_user_folder_overrides_file_by_file(tmp_path: Path) -> None:
    text = (BUNDLED / "theatre.yaml").read_text().replace("[IQ, SY, JO]", "[IQ]")
    (tmp_path / "theatre.yaml").write_text(text)
    cb = load_codebook(tmp_path)
    assert cb.theatre.countries == ["IQ"]
    assert cb.actors == load_codebook().actors  # the rest falls back to the bundled files


def test_missing_folder() -> None:
    with pytest.raises(CodebookError, match="not found"):
        load_codebook("/nonexistent/codebook")
