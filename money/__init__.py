"""Money: amounts converted to USD and EUR reproducibly, with their provenance.

Knows no domain model: ``pledges`` asks it for the conversion of an amount in a currency
on a day and stores the answer (docs/dataset.md, "How amounts are converted").
"""
