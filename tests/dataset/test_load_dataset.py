"""The curated dataset (data/) loads into an empty database, says what the articles say,
and reloads idempotently; bad quotes and changed articles are refused with no write."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from decimal import Decimal

import pytest
import yaml
from django.core.management import CommandError
from django.db.models import Q

from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    AttendanceCitation,
    Coalition,
    Meeting,
    Membership,
    MembershipCitation,
    SizeReport,
    SizeReportCitation,
)
from pledges.models import Pledge, PledgeCitation, PledgeStage
from sources.models import Source
from tests.dataset.conftest import DATA, copy_data, edit_yaml, load
from tests.paths import SEEDS, needs_seeds

pytestmark = pytest.mark.django_db

CLAIM_CITATIONS = [
    (Membership, MembershipCitation, "membership"),
    (Attendance, AttendanceCitation, "attendance"),
    (SizeReport, SizeReportCitation, "size_report"),
    (Agreement, AgreementCitation, "agreement"),
    (Pledge, PledgeCitation, "pledge"),
]
SNAPSHOT_MODELS = [
    Actor,
    Coalition,
    Meeting,
    Source,
    Membership,
    Attendance,
    SizeReport,
    Agreement,
    AgreementParty,
    Pledge,
]
SOURCE_KEYS = {
    "dw": "dw-us-seeks-allies-in-paris",
    "rferl": "rferl-us-urges-allies-to-step-up",
    "dailystar": "dailystar-world-leaders-vow-to-help-iraq",
    "aljazeera": "aljazeera-us-lobbies-turkey",
    "newsfirst": "newsfirst-iraq-cities-under-siege",
}


def snapshot() -> dict:
    """Every row's id and updated_at, plus citation and stage rows, per model."""
    state = {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in SNAPSHOT_MODELS
    }
    for _, citation_model, _ in CLAIM_CITATIONS:
        state[citation_model.__name__] = sorted(
            citation_model.objects.values_list("pk", "source_id", "quote", "stance")
        )
    state["PledgeStage"] = sorted(PledgeStage.objects.values_list("pk", "status", "occurred_on"))
    return state


def pledge(key: str) -> Pledge:
    return Pledge.objects.get(dataset_key=key)


def cited_by(claim) -> set[str]:
    return {c.source.dataset_key for c in claim.citations.select_related("source")}


# --- Loading into an empty database ---------------------------------------------------


def test_dataset_loads_into_an_empty_database(loaded):
    assert Source.objects.count() == 5
    assert Coalition.objects.filter(slug="counter-isis-2014", lead__code="USA").exists()
    assert Meeting.objects.count() == 3
    assert Membership.objects.count() == 16
    assert Attendance.objects.count() == 8
    assert SizeReport.objects.count() == 1
    assert Pledge.objects.count() == 22
    assert Agreement.objects.count() == 1
    assert AgreementParty.objects.count() == 10


@needs_seeds
def test_with_the_texts_every_source_holds_its_text(loaded_with_texts):
    assert Source.objects.count() == 5
    assert not Source.objects.filter(text="").exists()


@needs_seeds
def test_every_claim_has_a_citation_whose_quote_is_in_its_source_text(loaded_with_texts):
    for claim_model, citation_model, fk in CLAIM_CITATIONS:
        assert not claim_model.objects.filter(citations__isnull=True).exists(), claim_model
        for citation in citation_model.objects.select_related("source"):
            assert citation.source.text, citation.source
            assert citation.quote in citation.source.text, (fk, citation.quote)


@needs_seeds
def test_sources_hold_the_exact_texts_by_their_hash(loaded_with_texts):
    for path in SEEDS.glob("*.txt"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        source = Source.objects.get(content_sha256=digest)
        assert source.text == path.read_bytes().decode("utf-8")


def test_sources_record_hash_agencies_and_inferred_dates(loaded):
    dw = Source.objects.get(dataset_key=SOURCE_KEYS["dw"])
    assert (dw.publisher, dw.published_on) == ("Deutsche Welle", dt.date(2014, 9, 15))
    assert dw.wire_agencies == ["AP", "AFP", "dpa", "Reuters"]
    assert dw.url == ""  # not printed in the article; the located URL is in the notes
    assert "dw.com" in dw.notes
    rferl = Source.objects.get(dataset_key=SOURCE_KEYS["rferl"])
    assert rferl.published_on == dt.date(2015, 11, 23)  # inferred from the text
    assert "Not printed" in rferl.notes
    aljazeera = Source.objects.get(dataset_key=SOURCE_KEYS["aljazeera"])
    assert aljazeera.published_on == dt.date(2014, 9, 12)  # "on Friday", a day after Jeddah
    assert aljazeera.wire_agencies == []


# --- Facts, article by article ---------------------------------------------------------


def test_dw_and_daily_star_report_one_australian_troop_pledge(loaded):
    troops = pledge("aus-troops-2014")
    assert (troops.actor.code, troops.kind, troops.status) == ("AUS", "troops", "announced")
    assert (troops.quantity, troops.quantity_qualifier, troops.quantity_unit) == (
        600,
        "exact",
        "troops",
    )
    assert troops.host.code == "ARE"
    assert cited_by(troops) == {SOURCE_KEYS["dw"], SOURCE_KEYS["dailystar"]}
    assert Pledge.objects.filter(actor__code="AUS", kind="troops").count() == 1

    aircraft = pledge("aus-aircraft-2014")
    assert (aircraft.quantity, aircraft.quantity_qualifier, aircraft.quantity_max) == (
        10,
        "up_to",
        None,
    )


def test_turkey_refused_its_air_bases_and_is_a_supporter_not_a_member(loaded):
    refusal = pledge("tur-basing-refused-2014")
    assert (refusal.kind, refusal.status, refusal.asset) == (
        "basing",
        "refused",
        "Incirlik air base",
    )
    assert (refusal.announced_on, refusal.announced_on_precision) == (dt.date(2014, 9, 11), "day")
    assert cited_by(refusal) == {SOURCE_KEYS["aljazeera"]}
    assert refusal.citations.filter(quote__contains="Incirlik").exists()

    turkey = Membership.objects.get(actor__code="TUR")
    assert turkey.status == "supporter"
    kinds = set(
        Pledge.objects.filter(actor__code="TUR", status="delivered").values_list("kind", flat=True)
    )
    assert {"intelligence", "logistics", "humanitarian"} <= kinds
    logistics = pledge("tur-logistics-syrian-opposition-2014")
    assert logistics.recipient.code == "SYR_OPPOSITION"


def test_ten_arab_states_joined_on_11_september_2014(loaded):
    members = Membership.objects.filter(started_on=dt.date(2014, 9, 11), status="member")
    assert set(members.values_list("actor__code", flat=True)) == {
        "SAU", "QAT", "BHR", "KWT", "OMN", "ARE", "EGY", "IRQ", "JOR", "LBN",
    }  # fmt: skip
    saudi = members.get(actor__code="SAU")
    assert cited_by(saudi) == {SOURCE_KEYS["aljazeera"], SOURCE_KEYS["dailystar"]}


def test_who_was_in_the_coalition_on_20_september_2014(loaded):
    day = dt.date(2014, 9, 20)
    in_force = Membership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        coalition__slug="counter-isis-2014",
        started_on__lte=day,
    )
    members = set(in_force.filter(status="member").values_list("actor__code", flat=True))
    assert {"USA", "FRA", "AUS", "GBR", "SAU", "IRQ"} <= members
    assert len(members) == 14
    assert "TUR" not in members
    assert in_force.get(actor__code="IRN").status == "declined"


def test_iran_declined_and_was_not_invited_to_paris(loaded):
    iran = Membership.objects.get(actor__code="IRN")
    assert iran.status == "declined"
    assert iran.citations.filter(quote="I said no, because they have dirty hands").exists()
    paris = Meeting.objects.get(dataset_key="paris-conference-2014-09-15")
    assert (paris.held_on, paris.city, paris.host) == (dt.date(2014, 9, 15), "Paris", None)
    roles = dict(paris.attendances.values_list("actor__code", "role"))
    assert roles == {
        "USA": "attended",
        "RUS": "attended",
        "CHN": "attended",
        "FRA": "attended",
        "IRN": "not_invited",
    }


def test_rferl_reports_65_members_and_the_washington_meeting(loaded):
    size = SizeReport.objects.get()
    assert (size.member_count, size.qualifier, size.reported_on) == (
        65,
        "exact",
        dt.date(2015, 11, 23),
    )
    assert cited_by(size) == {SOURCE_KEYS["rferl"]}
    washington = Meeting.objects.get(dataset_key="washington-coalition-ambassadors-2015-11-23")
    assert washington.host.code == "USA"
    assert washington.attendances.get().role == "hosted"


def test_money_and_lineage_are_recorded(loaded):
    aid = pledge("usa-humanitarian-syria-2014")
    assert (aid.amount, aid.currency, aid.kind) == (Decimal("500000000"), "USD", "humanitarian")

    strikes = pledge("usa-airstrikes-syria-2014")
    stages = {s.status: s for s in strikes.stages.all()}
    # Announced only, on Al Jazeera's word: RFE/RL's "the coalition has been bombing" is
    # the coalition's act, not a US pledge (docs/dataset.md, "Corrections after review").
    assert set(stages) == {"announced"}
    assert cited_by(strikes) == {SOURCE_KEYS["aljazeera"]}

    france = pledge("fra-airstrikes-syria-2015")
    delivered = france.stages.get(status="delivered")
    assert (delivered.occurred_on, delivered.occurred_on_precision) == (
        dt.date(2015, 11, 1),
        "month",
    )


def test_the_coalition_itself_bombs_and_is_refused_incirlik(loaded):
    # Corrections after review (docs/dataset.md): RFE/RL's bombing is the coalition's,
    # and Turkey's refusal is aimed at "the US coalition", not at the USA.
    coalition = Actor.objects.get(code="COUNTER_ISIS")
    assert (coalition.kind, coalition.coalition.slug) == ("coalition", "counter-isis-2014")
    bombing = pledge("coalition-airstrikes-syria-iraq-2014")
    assert (bombing.actor, bombing.kind, bombing.status) == (coalition, "airstrikes", "delivered")
    assert bombing.coalition.slug == "counter-isis-2014"
    stage = bombing.stages.get()
    assert (stage.status, stage.occurred_on, stage.occurred_on_precision) == (
        "delivered",
        dt.date(2014, 1, 1),
        "year",
    )
    [citation] = bombing.citations.select_related("source")
    assert citation.source.dataset_key == SOURCE_KEYS["rferl"]
    assert citation.quote == (
        "The coalition has been bombing IS positions in Syria and Iraq for more than a year."
    )
    refusal = pledge("tur-basing-refused-2014")
    assert refusal.recipient == coalition


ARAB_STATES = ["ARE", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "SAU"]


def test_the_ten_arab_states_agreement_has_its_parties_and_memberships(loaded):
    agreement = Agreement.objects.get(dataset_key="arab-states-agreement-2014-09-11")
    assert (agreement.kind, agreement.signed_on, agreement.signed_on_precision) == (
        "agreement",
        dt.date(2014, 9, 11),
        "day",
    )
    assert (agreement.coalition.slug, agreement.place, agreement.review_status) == (
        "counter-isis-2014",
        "",  # the article names no place
        "verified",
    )
    assert sorted(agreement.parties.values_list("code", flat=True)) == ARAB_STATES
    assert cited_by(agreement) == {SOURCE_KEYS["aljazeera"]}
    assert agreement.citations.filter(quote__contains="areparties to the agreement").exists()
    members = Membership.objects.filter(agreement=agreement)
    assert sorted(members.values_list("actor__code", flat=True)) == ARAB_STATES
    assert not Membership.objects.filter(agreement__isnull=False).exclude(agreement=agreement)


def test_june_2014_help_to_iraq_predates_the_coalition(loaded):
    arms = pledge("usa-arms-iraq-2014")
    assert (arms.status, arms.recipient.code, arms.coalition) == ("delivered", "IRQ", None)
    assert cited_by(arms) == {SOURCE_KEYS["newsfirst"]}
    invitation = pledge("irq-invites-us-airstrikes-2014")
    assert (invitation.actor.code, invitation.status, invitation.announced_on) == (
        "IRQ",
        "offered",
        dt.date(2014, 6, 11),
    )
    assert pledge("rus-airstrikes-syria-2015").coalition is None


def test_actors_get_aliases_merged_and_non_country_actors_their_parents(loaded):
    turkey = Actor.objects.get(code="TUR")
    assert {"Turkey", "Ankara", "Republic of Türkiye"} <= set(turkey.aliases)
    assert "Iraqi government" in Actor.objects.get(code="IRQ").aliases
    assert "UAE" in Actor.objects.get(code="ARE").aliases
    peshmerga = Actor.objects.get(code="PESHMERGA")
    assert (peshmerga.kind, peshmerga.parent.code, peshmerga.parent.parent.code) == (
        "subnational",
        "KRG",
        "IRQ",
    )
    assert pledge("gbr-arms-peshmerga-2014").recipient == peshmerga


def test_curated_claims_load_as_verified(loaded):
    assert set(Pledge.objects.values_list("review_status", flat=True)) == {"verified"}
    assert not Pledge.objects.filter(verified_at__isnull=True).exists()


def all_quotes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield value
            else:
                yield from all_quotes(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_quotes(item)


def test_quotes_are_a_sentence_or_less():
    abbreviation = re.compile(r"(?:\b[A-Z]\.)+$")  # U.S.
    for path in sorted(DATA.rglob("*.yaml")):
        for quote in all_quotes(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for match in re.finditer(r"[.!?][\"\u201d\u2019]?\s+(?=[A-Z\"\u201c])", quote):
                before = quote[: match.start() + 1]
                assert abbreviation.search(before), f"{path.name}: more than a sentence: {quote}"


# --- Idempotence and updates -------------------------------------------------------------


@needs_seeds
def test_loading_twice_changes_nothing(loaded_with_texts):
    before = snapshot()
    load("--texts", str(SEEDS))
    load()  # without texts: the stored texts are kept
    assert snapshot() == before
    assert not Source.objects.filter(text="").exists()


def test_loading_twice_without_texts_changes_nothing(loaded):
    before = snapshot()
    assert "Pledge: 22 unchanged" in load()
    assert snapshot() == before


def test_a_changed_file_updates_the_row_it_describes(loaded, tmp_path):
    data = copy_data(tmp_path)
    troops = pledge("aus-troops-2014")
    before = snapshot()
    edit_yaml(
        data / "articles" / "000_dw_us_seeks_allies_in_paris.yaml",
        "quantity_qualifier: exact\n    quantity_unit: troops",
        "quantity_qualifier: about\n    quantity_unit: troops",
    )
    # The Daily Star's citation of the troops is dropped: replaced to match the files.
    edit_yaml(
        data / "articles" / "002_dailystar_world_leaders_vow_to_help_iraq.yaml",
        "  - pledge: aus-troops-2014\n"
        "    quote: Australia has pledged to deploy 600 troops to the United Arab Emirates, "
        "a regional Washington ally.\n",
        "",
    )
    load("--data", str(data))

    after = snapshot()
    updated = pledge("aus-troops-2014")
    assert updated.pk == troops.pk
    assert updated.quantity_qualifier == "about"
    # The files are the reviewed record: still verified, as the review service keeps a
    # verified claim (the stamp of its first verification stays).
    assert updated.review_status == "verified"
    assert updated.verified_at == troops.verified_at is not None
    assert cited_by(updated) == {SOURCE_KEYS["dw"]}
    assert len(after["Pledge"]) == len(before["Pledge"])
    changed = set(after["Pledge"]) - set(before["Pledge"])
    assert [pk for pk, _ in changed] == [troops.pk]
    assert after["Membership"] == before["Membership"]
    assert len(after["PledgeCitation"]) == len(before["PledgeCitation"]) - 1


def test_a_record_removed_from_the_files_is_removed(loaded, tmp_path):
    data = copy_data(tmp_path)
    path = data / "articles" / "004_newsfirst_iraq_cities_under_siege.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["pledges"] = [p for p in document["pledges"] if p["key"] != "usa-kinetic-iraq-2014"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    load("--data", str(data))
    assert not Pledge.objects.filter(dataset_key="usa-kinetic-iraq-2014").exists()
    assert Pledge.objects.count() == 21


def test_a_membership_period_can_be_split_in_two(loaded, tmp_path):
    """Ending a period and adding the one that follows loads, whatever the file order."""
    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles" / "002_dailystar_world_leaders_vow_to_help_iraq.yaml",
        "    started_on: 2014-09-01\n    started_on_precision: month\n",
        "    started_on: 2014-09-01\n    started_on_precision: month\n    ended_on: 2015-01-01\n",
    )
    # The next period is recorded in an earlier file, so it is read first.
    dw = data / "articles" / "000_dw_us_seeks_allies_in_paris.yaml"
    dw.write_text(
        dw.read_text(encoding="utf-8").replace(
            "\npledges:\n",
            "\n  - key: counter-isis-2014-irn-2015\n"
            "    coalition: counter-isis-2014\n"
            "    actor: IRN\n"
            "    status: invited\n"
            "    started_on: 2015-01-01\n"
            "    citations:\n"
            "      - quote: Kerry urged Washington's allies to join a united front\n"
            "\npledges:\n",
        ),
        encoding="utf-8",
    )
    load("--data", str(data))
    periods = Membership.objects.filter(actor__code="IRN").order_by("started_on")
    assert [(m.status, m.started_on, m.ended_on) for m in periods] == [
        ("declined", dt.date(2014, 9, 1), dt.date(2015, 1, 1)),
        ("invited", dt.date(2015, 1, 1), None),
    ]


# --- Refusals --------------------------------------------------------------------------


@needs_seeds
def test_a_quote_not_in_the_article_is_rejected_and_nothing_is_written(tmp_path):
    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles" / "003_aljazeera_us_lobbies_turkey.yaml",
        "a day after Ankara said it would not allow its air bases",
        "a day after Ankara said it would never allow its air bases",
    )
    with pytest.raises(CommandError, match="quote not found verbatim"):
        load("--data", str(data), "--texts", str(SEEDS))
    assert Source.objects.count() == 0
    assert Pledge.objects.count() == 0
    assert not Actor.objects.filter(code="KRG").exists()


@needs_seeds
def test_a_bad_quote_leaves_a_loaded_database_unchanged(loaded_with_texts, tmp_path):
    before = snapshot()
    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles" / "001_rferl_us_urges_allies_to_step_up.yaml",
        "    member_count: 65",
        "    member_count: 66",
    )  # a change that would be written ...
    edit_yaml(
        data / "articles" / "000_dw_us_seeks_allies_in_paris.yaml",
        "  - quote: France to outline air contribution",
        "  - quote: France to outline its whole air contribution",
    )  # ... if this quote were in the article
    with pytest.raises(CommandError, match="its whole air contribution"):
        load("--data", str(data), "--texts", str(SEEDS))
    assert snapshot() == before
    assert SizeReport.objects.get().member_count == 65


@needs_seeds
def test_an_article_whose_text_changed_is_rejected(loaded_with_texts, tmp_path):
    before = snapshot()
    texts = tmp_path / "seeds"
    shutil.copytree(SEEDS, texts)
    article = texts / "002_bd1ed864f8e64c0f.txt"
    article.write_bytes(article.read_bytes() + b"\nA late correction.\n")
    with pytest.raises(CommandError, match="has SHA-256"):
        load("--texts", str(texts))
    assert snapshot() == before


@needs_seeds
def test_a_wrong_hash_in_the_dataset_is_rejected(tmp_path):
    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles" / "004_newsfirst_iraq_cities_under_siege.yaml",
        "sha256: cfa48ec47245ef8682b2ca518460b4f96b75896004d6d3ac85fee4cd673f0813",
        "sha256: " + "f" * 64,
    )
    with pytest.raises(CommandError, match="expects"):
        load("--data", str(data), "--texts", str(SEEDS))
    assert Source.objects.count() == 0


def test_without_texts_everything_but_the_texts_is_loaded():
    load()
    assert Source.objects.count() == 5
    assert set(Source.objects.values_list("text", flat=True)) == {""}
    dw = Source.objects.get(dataset_key=SOURCE_KEYS["dw"])
    assert dw.content_sha256 == "8f95a950403369f721ca18cc6c251e12d3b9bd46cd94e253cf2667492752160e"
    assert Pledge.objects.count() == 22


def test_a_claim_without_a_citation_is_rejected(tmp_path):
    data = copy_data(tmp_path)
    path = data / "articles" / "004_newsfirst_iraq_cities_under_siege.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["pledges"][0]["citations"] = []
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="has no citation"):
        load("--data", str(data))
    assert Pledge.objects.count() == 0


# --- Agreements in the files ------------------------------------------------------------------

AL_JAZEERA = "articles/003_aljazeera_us_lobbies_turkey.yaml"
AGREEMENT_KEY = "arab-states-agreement-2014-09-11"
AGREEMENT_LINE = f"    agreement: {AGREEMENT_KEY}\n"


def test_a_pledge_in_the_files_names_the_agreement_it_was_made_under(loaded, tmp_path):
    data = copy_data(tmp_path)
    edit_yaml(
        data / AL_JAZEERA,
        "description: Continues to share intelligence with the US.\n",
        "description: Continues to share intelligence with the US.\n" + AGREEMENT_LINE,
    )
    load("--data", str(data))
    agreement = Agreement.objects.get(dataset_key=AGREEMENT_KEY)
    assert pledge("tur-intelligence-usa-2014").agreement == agreement
    before = snapshot()
    assert "Pledge: 22 unchanged" in load("--data", str(data))
    assert snapshot() == before


def test_an_unknown_agreement_is_refused_and_nothing_is_written(db, tmp_path):
    data = copy_data(tmp_path)
    edit_yaml(
        data / AL_JAZEERA,
        "description: Continues to share intelligence with the US.\n",
        "description: Continues to share intelligence with the US.\n"
        "    agreement: no-such-agreement\n",
    )
    with pytest.raises(CommandError, match="unknown agreement 'no-such-agreement'"):
        load("--data", str(data))
    assert not Pledge.objects.exists() and not Agreement.objects.exists()


def test_parties_changed_in_the_file_are_written_through_the_services(loaded, tmp_path):
    data = copy_data(tmp_path)
    edit_yaml(data / AL_JAZEERA, "JOR, LBN]", "JOR]")
    out = load("--data", str(data))
    assert "Agreement: 1 updated" in out
    agreement = Agreement.objects.get(dataset_key=AGREEMENT_KEY)
    assert "LBN" not in set(agreement.parties.values_list("code", flat=True))
    assert agreement.parties.count() == 9
    edit_yaml(data / AL_JAZEERA, "parties: [SAU,", "parties: [SAU, SAU,")
    with pytest.raises(CommandError, match="listed twice"):
        load("--data", str(data))


def test_an_agreement_removed_from_the_files_is_deleted_unless_a_claim_cites_it(loaded, tmp_path):
    from tests.factories import PledgeFactory

    data = copy_data(tmp_path)
    path = data / AL_JAZEERA
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    del document["agreements"]
    for membership in document["memberships"]:
        membership.pop("agreement", None)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    agreement = Agreement.objects.get(dataset_key=AGREEMENT_KEY)
    hand_made = PledgeFactory(agreement=agreement)  # a pledge an analyst entered

    out = load("--data", str(data))
    assert f"conflict agreement:{AGREEMENT_KEY}" in out
    assert "still used by claims the loader did not write" in out
    assert not Membership.objects.filter(agreement__isnull=False).exists()

    hand_made.delete()
    out = load("--data", str(data))
    assert "Agreement: 1 deleted" in out
    assert not Agreement.objects.exists()
