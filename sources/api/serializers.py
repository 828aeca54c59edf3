"""Sources, and the citation shape every claim shows inline and accepts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from api.routes import list_path_for
from api.serializers import FastReadSerializerMixin
from sources.choices import Stance
from sources.models import Source, data_fields, quote_errors
from sources.services import SOURCE_FIELDS, citation_models


def url_field() -> serializers.CharField:
    """A source's address as answered: "" when unknown (so a plain string, not a URI)."""
    return serializers.CharField(
        read_only=True, help_text="Address of the article (http or https); empty when unknown."
    )


class SourceSummarySerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """The source of a citation, as shown inline in every claim."""

    url = url_field()

    class Meta:
        model = Source
        fields = ["id", "title", "publisher", "published_on", "url"]
        read_only_fields = fields


class CitationSerializer(FastReadSerializerMixin, serializers.Serializer):
    """A quote in a source that backs (or disputes, or retracts) the claim around it."""

    id = serializers.IntegerField(read_only=True)
    source = SourceSummarySerializer(read_only=True)
    quote = serializers.CharField(read_only=True)
    locator = serializers.CharField(read_only=True)
    stance = serializers.ChoiceField(choices=Stance.choices, read_only=True)


@extend_schema_serializer(component_name="Citation")
class CitationInputSerializer(serializers.Serializer):
    """A citation as written: the source's id and the exact quote from it."""

    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), help_text="Id of the source."
    )
    quote = serializers.CharField(
        trim_whitespace=False,
        help_text="The exact words of the source; must occur in its text when we hold it.",
    )
    locator = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Paragraph, page or timestamp.",
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices, required=False, default=Stance.SUPPORTS
    )

    def validate(self, attrs):
        errors = quote_errors(attrs["source"], attrs["quote"])
        if errors:
            raise serializers.ValidationError({"quote": errors}, code="quote_not_in_source")
        return attrs


def citations_field(**kwargs) -> CitationInputSerializer:
    """The ``citations`` input of a claim: at least one."""
    return CitationInputSerializer(
        many=True,
        allow_empty=False,
        help_text="At least one; sent on an update, it replaces the claim's citations.",
        **kwargs,
    )


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "uri"},
        "description": "For each kind of claim, the list of those this source backs.",
        "example": {"pledges": "https://api.example.org/api/v1/pledges/?source=3"},
    }
)
class BacksField(serializers.Field):
    """Links to the claims a source backs: ``{"pledges": ".../pledges/?source=3", ...}``."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, source: Source) -> dict[str, str]:
        request = self.context.get("request")
        links = {}
        for path, name in _claim_lists():
            url = f"{path}?source={source.pk}"
            links[name] = request.build_absolute_uri(url) if request else url
        return links


def _claim_lists() -> list[tuple[str, str]]:
    """(list path, name) of each claim resource: ("/api/v1/pledges/", "pledges")."""
    lists = []
    for citation_model in citation_models():
        claim_model = citation_model.claim_field().related_model
        path = list_path_for(claim_model)
        if path:
            lists.append((path, path.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")))
    return lists


class SourceSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """An article or statement that claims cite (its full text only in the detail)."""

    url = url_field()
    has_text = serializers.SerializerMethodField(
        help_text="Whether the full text is held (quotes are then checked against it)."
    )
    backs = BacksField()

    class Meta:
        model = Source
        # The text itself only in the detail: the list says whether it is held.
        fields = [
            "id",
            *("has_text" if name == "text" else name for name in data_fields(Source)),
            "backs",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_text(self, source: Source) -> bool:
        return bool(source.text)


class SourceDetailSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text"]
        read_only_fields = fields


@extend_schema_serializer(component_name="Source")
class SourceInputSerializer(serializers.ModelSerializer):
    """A source as written. With ``text``, every quote citing it must occur in the text."""

    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="Full text, if held."
    )

    class Meta:
        model = Source
        fields = list(SOURCE_FIELDS)
        # Uniqueness (url, text) is checked by the services, which name the duplicate.
        validators = []
        extra_kwargs = {"url": {"validators": []}}
