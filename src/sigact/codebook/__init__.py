"""The codebook: the coding rules as data files an analyst can read and extend.

A codebook is a folder of YAML files (this package's folder is the default one):

- ``events.yaml``   event types, trigger phrases and cue words
- ``weapons.yaml``  weapon classes and their names
- ``actors.yaml``   actors with aliases, and target words
- ``outlets.yaml``  news outlets named inside articles (never places, never actors)
- ``theatre.yaml``  the countries the codebook covers
- ``sites.yaml``    the gazetteer of sites (read by :mod:`sigact.places`)

Each file is validated where it enters; a malformed file raises :class:`CodebookError`
naming the file and the field. ``SIGACT_CODEBOOK`` (or ``load_codebook(path)``) points to
another folder; files missing there fall back to the bundled ones.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sigact.models import EVENT_TYPES, WEAPONS

BUNDLED = Path(__file__).resolve().parent


class CodebookError(ValueError):
    """A codebook file is missing, unreadable or does not follow its schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventType(_Strict):
    label: str
    description: str
    acled: dict[str, str] = Field(default_factory=dict)


class TriggerGroup(_Strict):
    # attack: remote attack words; strike: air_strike or remote_attack by who/what;
    # clash: ground fighting
    class_: Literal["attack", "strike", "clash"] = Field(alias="class")
    phrases: list[str]
    definite: bool = False
    regex: bool = False


class Cues(_Strict):
    irrealis: list[str]
    habitual: list[str]
    negation: list[str]
    claim: list[str]
    attribution: list[str]
    outcome_hit: list[str]
    outcome_intercepted: list[str]
    no_harm: list[str]
    continuation: list[str]
    reporting: list[str]
    tally: list[str]


class Events(_Strict):
    event_types: dict[str, EventType]
    triggers: list[TriggerGroup]
    not_triggers: list[str] = Field(default_factory=list)
    cues: Cues

    @field_validator("event_types")
    @classmethod
    def _known_types(cls, v: dict[str, EventType]) -> dict[str, EventType]:
        unknown = set(v) - set(EVENT_TYPES)
        if unknown:
            raise ValueError(f"unknown event types {sorted(unknown)}; allowed: {EVENT_TYPES}")
        return v


class Weapons(_Strict):
    weapons: dict[str, list[str]]
    not_weapons: list[str] = Field(default_factory=list)

    @field_validator("weapons")
    @classmethod
    def _known_weapons(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(v) - set(WEAPONS)
        if unknown:
            raise ValueError(f"unknown weapon classes {sorted(unknown)}; allowed: {WEAPONS}")
        return v


class Actor(_Strict):
    name: str
    kind: Literal["state", "non_state"]
    country: str | None = None
    aliases: list[str]
    generic: list[str] = Field(default_factory=list)
    # a label for a kind of actor ("Iran-backed militias"), not a named group: it gives way
    # to the named group a document also credits
    descriptive: bool = False
    # fights outside the theatre (the Houthis at sea): credited only where a sentence names
    # it as the agent, never as a document's default for the theatre's attacks
    abroad: bool = False
    # a state force whose attacks are missiles and drones launched from afar (the IRGC, from
    # Iran): they are remote attacks, never its air strikes
    remote_fire: bool = False
    # fights on the ground (the SDF, tribal forces, the Syrian army): its attacks with no
    # weapon of remote fire are clashes, its shelling is artillery, never an air strike
    ground: bool = False
    source: str


class Actors(_Strict):
    actors: list[Actor]
    targets: dict[str, list[str]] = Field(default_factory=dict)


class Outlet(_Strict):
    name: str
    aliases: list[str]
    source: str


class Outlets(_Strict):
    outlets: list[Outlet]


class Theatre(_Strict):
    name: str
    countries: list[str]
    background_days: int = 365
    period_start: date | None = None
    defenders: list[str] = Field(default_factory=list)
    outside: list[str] = Field(default_factory=list)
    source: str = ""


class Codebook(BaseModel):
    """Every coding rule, validated."""

    model_config = ConfigDict(frozen=True)

    folder: Path
    events: Events
    weapons: Weapons
    actors: Actors
    outlets: Outlets
    theatre: Theatre

    def actor(self, name: str) -> Actor | None:
        for a in self.actors.actors:
            if a.name == name:
                return a
        return None


_FILES: dict[str, type[BaseModel]] = {
    "events": Events,
    "weapons": Weapons,
    "actors": Actors,
    "outlets": Outlets,
    "theatre": Theatre,
}


def codebook_file(name: str, folder: Path | None = None) -> Path:
    """The path of a codebook file: in ``folder`` if it has one, else the bundled one."""
    if folder is not None and (folder / name).exists():
        return folder / name
    return BUNDLED / name


def _read(path: Path, model: type[BaseModel]) -> BaseModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CodebookError(f"{path}: cannot read: {e}") from e
    except yaml.YAMLError as e:
        raise CodebookError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(raw, dict):
        raise CodebookError(f"{path}: expected a mapping at the top level")
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise CodebookError(f"{path}: {problems}") from e


def load_codebook(folder: str | Path | None = None) -> Codebook:
    """Load and validate a codebook folder (default: ``SIGACT_CODEBOOK`` or the bundled one)."""
    chosen = folder or os.environ.get("SIGACT_CODEBOOK")
    return _load(Path(chosen).resolve() if chosen else None)


@cache
def _load(folder: Path | None) -> Codebook:
    if folder is not None and not folder.is_dir():
        raise CodebookError(f"{folder}: codebook folder not found")
    parts = {
        key: _read(codebook_file(f"{key}.yaml", folder), model) for key, model in _FILES.items()
    }
    return Codebook(folder=folder or BUNDLED, **parts)


__all__ = ["Codebook", "CodebookError", "codebook_file", "load_codebook"]
