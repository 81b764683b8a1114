"""Write src/sigact/places/data/{towns.tsv.gz,governorates.yaml} from GeoNames and ISO 3166-2.

Usage: .venv/bin/python scripts/build_places.py
"""

from __future__ import annotations

from pathlib import Path

from sigact.places.build import build_governorates, build_towns, gzip_bytes

DATA = Path(__file__).resolve().parents[1] / "src" / "sigact" / "places" / "data"


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    towns = build_towns()
    (DATA / "towns.tsv.gz").write_bytes(gzip_bytes(towns))
    (DATA / "governorates.yaml").write_text(build_governorates(), encoding="utf-8")
    print(f"towns: {towns.count(chr(10)) - 2} rows -> {DATA / 'towns.tsv.gz'}")
    print(f"governorates -> {DATA / 'governorates.yaml'}")


if __name__ == "__main__":
    main()
