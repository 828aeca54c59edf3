from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadOpenWriteWithModelPermission(DjangoModelPermissions):
    """Anyone may read (unless ``API_READS_REQUIRE_LOGIN``); writes need the model permission."""

    def has_permission(self, request, view):
        if request.method not in view.allowed_methods:
            return True  # the view answers 405, whoever asks
        if request.method in SAFE_METHODS:
            if settings.API_READS_REQUIRE_LOGIN:
                return bool(request.user and request.user.is_authenticated)
            return True
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            return bool(request.user and request.user.is_staff)
        return super().has_permission(request, view)
