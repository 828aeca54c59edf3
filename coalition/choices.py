from django.db import models


class ActorKind(models.TextChoices):
    COUNTRY = "country", "Country"
    ORGANISATION = "organisation", "International organisation"
    SUBNATIONAL = "subnational", "Sub-national body"
    NON_STATE = "non_state", "Non-state group"
    # The coalition itself as a party: an actor linked to its Coalition (Actor.coalition).
    COALITION = "coalition", "A coalition itself"


class MembershipStatus(models.TextChoices):
    """An actor's standing in a coalition during one period."""

    MEMBER = "member", "Member"
    SUPPORTER = "supporter", "Supporter (backs the coalition without joining)"
    INVITED = "invited", "Invited"
    DECLINED = "declined", "Declined to join"
    SUSPENDED = "suspended", "Suspended"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AttendanceRole(models.TextChoices):
    HOSTED = "hosted", "Hosted"
    ATTENDED = "attended", "Attended"
    NOT_INVITED = "not_invited", "Not invited"
    DECLINED = "declined", "Declined to attend"


class QuantityQualifier(models.TextChoices):
    """How exact a reported number is. ``range`` uses both the minimum and the maximum."""

    EXACT = "exact", "Exactly"
    ABOUT = "about", "About"
    AT_LEAST = "at_least", "At least"
    MORE_THAN = "more_than", "More than"
    UP_TO = "up_to", "Up to"
    RANGE = "range", "Between"


class MeetingStatus(models.TextChoices):
    """Whether a meeting has taken place. Only a held meeting has attendance figures."""

    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class AgreementKind(models.TextChoices):
    """What kind of text the parties put their names to."""

    AGREEMENT = "agreement", "Agreement"
    DECLARATION = "declaration", "Declaration"
    JOINT_STATEMENT = "joint_statement", "Joint statement"
