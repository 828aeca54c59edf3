"""``GET /api/v1/releases/`` and ``GET /api/v1/releases/{version}/datapackage.zip``.

The releases built into ``RELEASES_DIR`` (``manage.py build_release``), newest version
first, and each one's zip as it was built: a release never changes once built, so a
download is the same bytes every time. Routed in ``config/api_urls.py``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.viewsets import RejectNulMixin
from releases.build import ARCHIVE, VERSION_RE, built_releases


class ReleaseResourceSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The table (pledges, sources ...).")
    path = serializers.CharField(help_text="Its CSV file in the zip.")
    bytes = serializers.IntegerField(help_text="The CSV's size.")
    hash = serializers.CharField(help_text="`sha256:` and the CSV's SHA-256, in hex.")


class ReleaseSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The release's number (semantic versioning).")
    created = serializers.DateTimeField(
        help_text="The newest change in the released data (not the time of the build)."
    )
    resources = ReleaseResourceSerializer(many=True)
    download = serializers.URLField(
        help_text="The Data Package as a zip: datapackage.json and one CSV per table."
    )


class ReleaseListSerializer(serializers.Serializer):
    results = ReleaseSerializer(many=True, help_text="Newest version first.")


RELEASE_EXAMPLE = {
    "results": [
        {
            "version": "1.0.0",
            "created": "2026-11-30T09:12:44Z",
            "resources": [
                {
                    "name": "pledges",
                    "path": "pledges.csv",
                    "bytes": 5312,
                    "hash": "sha256:3f1c…",
                }
            ],
            "download": "https://coalition.example.org/api/v1/releases/1.0.0/datapackage.zip",
        }
    ]
}


def _root() -> Path:
    return Path(settings.RELEASES_DIR)


class ReleaseListView(RejectNulMixin, GenericAPIView):
    """The data releases built so far."""

    filter_backends = []
    pagination_class = None
    serializer_class = ReleaseListSerializer

    @extend_schema(
        operation_id="releases_list",
        tags=["releases"],
        summary="Data releases",
        description=(
            "Every numbered data release built so far, newest version first: a Frictionless "
            "Data Package (datapackage.json with each table's schema, and one CSV per table) "
            "of the public data, with the link to download it. A release never changes."
        ),
        responses=ReleaseListSerializer,
        examples=[OpenApiExample("Releases", value=RELEASE_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        if unknown := sorted(request.query_params):
            raise ValidationError({name: ["Unknown query parameter."] for name in unknown})
        results = [
            {
                "version": d["version"],
                "created": d["created"],
                "resources": [
                    {key: r[key] for key in ("name", "path", "bytes", "hash")}
                    for r in d["resources"]
                ],
                "download": request.build_absolute_uri(
                    reverse("api-v1:release-download", kwargs={"version": d["version"]})
                ),
            }
            for d in built_releases(_root())
        ]
        return Response({"results": results})


class ReleaseDownloadView(RejectNulMixin, GenericAPIView):
    """One release's Data Package, zipped."""

    filter_backends = []
    pagination_class = None
    serializer_class = None

    def perform_content_negotiation(self, request, force=False):
        # The zip is a file answer, not rendered; errors answer in JSON whatever the
        # Accept header (a client asking for the zip still gets a readable 404).
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="releases_download",
        tags=["releases"],
        summary="Download a data release",
        description=(
            "The release's Data Package as a zip (datapackage.json and one CSV per table), "
            "byte for byte as it was built; `application/zip`, or `application/octet-stream` "
            "when the Accept header asks for that and not for zip. 404 for a version that "
            "was not built."
        ),
        # application/octet-stream too: openapi-python-client types that as bytes and
        # skips an operation whose only answer is application/zip.
        responses={
            (200, "application/zip"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The zip."
            ),
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The same bytes, for a client that asks for octet-stream only.",
            ),
        },
    )
    def get(self, request, version: str, *args, **kwargs):
        if unknown := sorted(request.query_params):
            raise ValidationError({name: ["Unknown query parameter."] for name in unknown})
        path = _root() / version / ARCHIVE
        if not VERSION_RE.match(version) or not path.is_file():
            raise Http404(f"No release {version} has been built.")
        accept = request.headers.get("Accept", "")
        octets = "application/octet-stream" in accept and "application/zip" not in accept
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=f"coalition-tracker-{version}.zip",
            content_type="application/octet-stream" if octets else "application/zip",
        )
