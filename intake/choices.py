from django.db import models


class ClaimKind(models.TextChoices):
    """What a proposed claim that is not a pledge states (``intake.extraction.reports``)."""

    MEMBERSHIP = "membership", "Membership or change of membership"
    MEETING = "meeting", "Meeting"
    ATTENDANCE = "attendance", "Attendance at a meeting"
    SIZE_REPORT = "size_report", "Coalition size report"
    AGREEMENT = "agreement", "Agreement, declaration or joint statement"
