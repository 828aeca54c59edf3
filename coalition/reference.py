"""Reference data every installation has: the ISO 3166-1 country list (from pycountry)."""

from __future__ import annotations

import pycountry


def iso_countries() -> list[dict]:
    """One dict per ISO 3166-1 country, in the Actor model's field names."""
    rows = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", "") or ""
        aliases = sorted({n for n in (country.name, official) if n and n != name})
        rows.append(
            {
                "code": country.alpha_3,
                "kind": "country",
                "name": name,
                "official_name": official,
                "alpha2": country.alpha_2,
                "numeric": country.numeric,
                "aliases": aliases,
            }
        )
    return rows


def load_countries(actor_model) -> int:
    """Create or refresh every country; keeps aliases analysts added. Returns the count."""
    existing = {a.code: a for a in actor_model.objects.filter(kind="country")}
    created = []
    for row in iso_countries():
        actor = existing.get(row["code"])
        if actor is None:
            created.append(actor_model(**row))
            continue
        changed = False
        for field in ("name", "official_name", "alpha2", "numeric"):
            if getattr(actor, field) != row[field]:
                setattr(actor, field, row[field])
                changed = True
        merged = sorted(set(actor.aliases) | set(row["aliases"]))
        if merged != sorted(actor.aliases):
            actor.aliases = merged
            changed = True
        if changed:
            actor.save()
    actor_model.objects.bulk_create(created)
    return len(existing) + len(created)
