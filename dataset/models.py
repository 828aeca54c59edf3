"""What the dataset loader wrote: each row it owns, with the values it wrote, and each load.

A reload compares a row's current values with the ones recorded here: a difference is
someone's edit (through any path: API, admin, shell, SQL), which the loader keeps and
reports instead of overwriting (docs/dataset.md, "Reloading").
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class DatasetLoad(models.Model):
    """One run of ``load_dataset`` that wrote (or checked) the dataset."""

    data_digest = models.CharField(
        max_length=64, help_text="SHA-256 over the data files' names and bytes."
    )
    texts_digest = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 over the article texts used; empty when loaded without texts.",
    )
    loaded_at = models.DateTimeField(auto_now_add=True)
    conflicts = models.PositiveIntegerField(
        default=0, help_text="Records kept as people left them instead of the files' version."
    )
    counts = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        get_latest_by = "loaded_at"

    def __str__(self) -> str:
        return f"dataset load {self.pk} at {self.loaded_at:%Y-%m-%d %H:%M}"


class LoadedRecord(models.Model):
    """A row the loader owns (``key``: ``pledge:aus-troops-2014``) and what it wrote into it.

    ``values`` holds the loaded fields as JSON (foreign keys as ids, dates as ISO
    strings); for a claim also ``review_status``, ``citations`` and, for a pledge,
    ``stages``, which count as part of the claim.
    """

    key = models.CharField(max_length=250, unique=True)
    model = models.CharField(max_length=100, help_text="app_label.model_name")
    object_id = models.BigIntegerField()
    values = models.JSONField(encoder=DjangoJSONEncoder)
    loaded_at = models.DateTimeField()
    load = models.ForeignKey(DatasetLoad, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id"], name="loadedrecord_model_object_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.key
