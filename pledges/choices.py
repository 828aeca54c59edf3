from django.db import models


class PledgeKind(models.TextChoices):
    TROOPS = "troops", "Troops (ground forces, special forces, advisers)"
    AIRCRAFT = "aircraft", "Aircraft"
    AIRSTRIKES = "airstrikes", "Airstrikes"
    BASING = "basing", "Basing and overflight access"
    ARMS = "arms", "Arms and equipment"
    TRAINING = "training", "Training"
    INTELLIGENCE = "intelligence", "Intelligence and surveillance"
    LOGISTICS = "logistics", "Logistics and transport"
    MONEY = "money", "Money"
    HUMANITARIAN = "humanitarian", "Humanitarian aid"
    OTHER = "other", "Other"


class PledgeStatus(models.TextChoices):
    """Where a pledge stands. A basing refusal is a pledge of kind basing, status refused."""

    OFFERED = "offered", "Offered (not yet accepted)"
    ANNOUNCED = "announced", "Announced"
    COMMITTED = "committed", "Committed"
    DELIVERED = "delivered", "Delivered"
    REFUSED = "refused", "Refused"
    DECLINED = "declined", "Offer declined by the recipient"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProposalState(models.TextChoices):
    """Where a proposed claim (found by the extractor in an article) stands."""

    PENDING = "pending", "Pending review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
