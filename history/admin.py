"""The admin's "History" page from the history tables (django-pghistory), not LogEntry.

:class:`HistoryAdminMixin` replaces a ModelAdmin's history view (the "History" button on
every change page) with every recorded change of the object and of the rows that belong
to it (a claim's citations, a pledge's stages): when, who, through what (an admin or API
URL, a management command), and each field before and after, whatever made the change.
A deleted object's history stays readable at the same URL, with a button to restore it
(for users with the model's ``add`` permission).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from history.readers import NothingToRestore, object_history, restore_deleted

MAX_VALUE_CHARS = 200


def _shown(value) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


class HistoryAdminMixin:
    """Put it first in a ModelAdmin's bases."""

    object_history_template = "admin/history_events.html"

    def history_view(self, request, object_id, extra_context=None):
        model = self.model
        opts = model._meta
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        try:
            pk = int(unquote(object_id))
        except ValueError:
            return self._get_obj_does_not_exist_redirect(request, opts, object_id)
        events = object_history(model, pk)
        if obj is None and not events:
            return self._get_obj_does_not_exist_redirect(request, opts, object_id)

        if request.method == "POST" and obj is None:
            return self._restore(request, pk)

        name = str(obj) if obj is not None else f"{opts.verbose_name} {pk} (deleted)"
        rows = [
            {
                "at": event.at,
                "type": event.type,
                "object_id": event.object_id,
                "action": event.action,
                "user": event.user,
                "through": event.context.get("url") or event.context.get("command") or "",
                "token": event.context.get("token", ""),
                "changes": [
                    (field, _shown(change["before"]), _shown(change["after"]))
                    for field, change in event.changes.items()
                ],
            }
            for event in reversed(events)  # newest first, as the admin lists history
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {name}",
            "subtitle": None,
            "object": obj,
            "object_id": pk,
            "opts": opts,
            "module_name": str(opts.verbose_name_plural).capitalize(),
            "events": rows,
            "deleted": obj is None,
            "can_restore": obj is None and self.has_add_permission(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def _restore(self, request, pk: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        try:
            obj = restore_deleted(self.model, pk)
        except (NothingToRestore, IntegrityError) as exc:
            self.message_user(request, f"Could not restore it: {exc}", messages.ERROR)
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
            return HttpResponseRedirect(url)
        self.message_user(request, f"Restored {obj}.", messages.SUCCESS)
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
        return HttpResponseRedirect(url)
