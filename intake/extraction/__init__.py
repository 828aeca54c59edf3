"""Rule-based, offline extraction of proposed pledges from article text.

The pipeline, one module per step::

    sentences.py   split the text into sentences, keeping their exact offsets
    reference.py   demonyms and capitals (from the ``countryinfo`` package, plus a few
                   curated additions)
    actors.py      find actors: names, aliases, demonyms, capitals, and people the
                   article ties to an actor ("US Secretary of State John Kerry")
    quantities.py  numbers in digits and words with their qualifier; money
    cues.py        what kind of pledge a phrase names, and the status a verb implies
    extractor.py   put them together: one ``ProposedClaim`` per actor and kind per
                   sentence, with the sentence as the quote

Nothing here touches the network or loads a model; the same text always gives the
same claims. ``intake.services`` stores them as ``PledgeProposal`` rows.
"""
