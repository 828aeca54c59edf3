"""The search index: an accent-blind English text search configuration, stored
tsvector columns (generated, so every writer fills them, COPY included) with GIN
indexes, and a trigram index on actor names without accents.

The columns live on the apps' tables but are not model fields: the apps never read
or write them, and fields the apps add later do not touch the index. Only the words
readers search are indexed: pledge descriptions, citation quotes, source titles and
texts (actors are few and matched by trigram similarity).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONFIG = "search_en"

# (table, generated expression, index name)
VECTORS = [
    (
        "pledges_pledge",
        f"setweight(to_tsvector('{CONFIG}'::regconfig, description), 'A')",
        "pledge_search_gin",
    ),
    (
        "pledges_pledgecitation",
        f"setweight(to_tsvector('{CONFIG}'::regconfig, quote), 'B')",
        "pledgecitation_search_gin",
    ),
    (
        "coalition_membershipcitation",
        f"setweight(to_tsvector('{CONFIG}'::regconfig, quote), 'B')",
        "membershipcitation_search_gin",
    ),
    (
        "sources_source",
        f"setweight(to_tsvector('{CONFIG}'::regconfig, title), 'A')"
        f" || setweight(to_tsvector('{CONFIG}'::regconfig, text), 'D')",
        "source_search_gin",
    ),
]

FORWARD = [
    # The English configuration with unaccent in front of the stemmer: "Türkiye" and
    # "turkiye" give the same lexeme, and ts_headline still shows the accents.
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)",
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, english_stem",
    # unaccent() is STABLE (it reads a dictionary), so an index expression needs an
    # IMMUTABLE wrapper naming the dictionary explicitly.
    # Qualified with the extension's schema, so that it works under any search_path
    # (pg_restore runs with an empty one).
    "CREATE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "STRICT AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$",
    "CREATE INDEX actor_name_folded_trgm ON coalition_actor "
    "USING gin (search_fold(name) gin_trgm_ops)",
]
for table, expression, index in VECTORS:
    FORWARD += [
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX {index} ON {table} USING gin (search_vector)",
    ]

BACKWARD = [f"ALTER TABLE {table} DROP COLUMN search_vector" for table, _, _ in VECTORS] + [
    "DROP INDEX actor_name_folded_trgm",
    "DROP FUNCTION search_fold(text)",
    f"DROP TEXT SEARCH CONFIGURATION {CONFIG}",
]



def forward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        schema = schema_editor.quote_name(cursor.fetchone()[0])
    for statement in FORWARD:
        schema_editor.execute(statement.replace("{schema}", schema))


def backward(apps, schema_editor):
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("sources", "0006_plausible_dates"),
        ("coalition", "0009_plausible_dates"),
        ("pledges", "0014_plausible_dates"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(forward, backward),
    ]
