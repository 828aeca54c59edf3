from api.routes import Router
from coalition.api.views import (
    ActorViewSet,
    AgreementViewSet,
    AttendanceViewSet,
    CoalitionViewSet,
    MeetingViewSet,
    MembershipViewSet,
    SizeReportViewSet,
)

router = Router()
router.register("actors", ActorViewSet, basename="actor")
router.register("coalitions", CoalitionViewSet, basename="coalition")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("attendances", AttendanceViewSet, basename="attendance")
router.register("size-reports", SizeReportViewSet, basename="sizereport")
router.register("agreements", AgreementViewSet, basename="agreement")

urlpatterns = router.urls
