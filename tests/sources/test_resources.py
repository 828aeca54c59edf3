"""Every endpoint of /api/v1/sources/, from the tests in tests/support/resources.py: the
class declares its model, URL and data, nothing else."""

from __future__ import annotations

import itertools

from sources.models import Source
from tests.factories import SourceFactory
from tests.support.resources import ResourceTests

_unique = itertools.count(1)


class TestSources(ResourceTests):
    model = Source
    url = "/api/v1/sources/"
    compare_keys = ("title", "publisher", "url", "published_on", "wire_agencies", "notes")

    def make(self, n=1):
        return SourceFactory.create_batch(n)

    def create_data(self):
        return {
            "title": "Australia to send fighter jets",
            "publisher": "Reuters",
            "url": f"https://example.org/new-{next(_unique)}",
            "published_on": "2014-09-14",
            "wire_agencies": ["Reuters"],
            "notes": "",
        }

    def update_data(self, obj):
        return {"title": "A better title", "publisher": "AFP", "published_on": "2014-09-15"}

    def partial_data(self, obj):
        return {"notes": "Checked against the print edition."}

    def invalid_data(self):
        data = {"title": "", "publisher": "", "published_on": "2014-02-30", "url": "not a url"}
        return data, {"title", "publisher", "published_on", "url"}
