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


# --- Joint pledges, conditions, personnel (issue 16) -----------------------------------


class QuantityBasis(models.TextChoices):
    """Whom a joint pledge's quantity belongs to: all its parties together ("Norway and
    Sweden will jointly provide 40 vehicles") or each party ("each would send four jets")."""

    SHARED = "shared", "Shared between the parties (counted once)"
    EACH = "each", "Each party's own (counted once per party)"


class PersonnelRole(models.TextChoices):
    """What a quantity of people counts, so that personnel can be summed by role."""

    TROOPS = "troops", "Troops (ground forces)"
    TRAINERS = "trainers", "Trainers and instructors"
    ADVISERS = "advisers", "Military advisers"
    SPECIAL_FORCES = "special_forces", "Special forces"
    PILOTS = "pilots", "Pilots and aircrew"
    GROUND_CREW = "ground_crew", "Ground crew and maintainers"
    MEDICAL = "medical", "Medical staff"
    STAFF = "staff", "Staff, liaison and headquarters officers"
    PERSONNEL = "personnel", "Personnel (role not stated)"


class DurationUnit(models.TextChoices):
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    MONTHS = "months", "Months"
    YEARS = "years", "Years"


class PendingApproval(models.TextChoices):
    """Whose approval a pledge still waits for ("parliament must still approve")."""

    PARLIAMENT = "parliament", "Parliament or legislature"
    CABINET = "cabinet", "Cabinet or government"
    HEAD_OF_STATE = "head_of_state", "Head of state"
    RECIPIENT = "recipient", "The recipient"
    ALLIANCE = "alliance", "An alliance or coalition body"
    COURT = "court", "A court"
    OTHER = "other", "Other (say which in the note)"
