"""Example values shared by the schema examples of every claim resource."""

CITATION_EXAMPLE = {
    "id": 41,
    "source": {
        "id": 3,
        "title": "Australia to send fighter jets to fight Islamic State",
        "publisher": "Reuters",
        "published_on": "2014-09-14",
        "url": "https://www.reuters.com/article/example",
    },
    "quote": "Australia will send up to eight F/A-18 Super Hornet fighter jets",
    "locator": "paragraph 2",
    "stance": "supports",
}
CITATION_INPUT_EXAMPLE = {
    "source": 3,
    "quote": "Australia will send up to eight F/A-18 Super Hornet fighter jets",
    "locator": "paragraph 2",
    "stance": "supports",
}
TIMESTAMPS = {"created_at": "2026-11-20T09:12:03Z", "updated_at": "2026-11-20T09:12:03Z"}
REVIEWED = {"review_status": "verified", "verified_at": "2026-11-21T16:40:00Z"}
