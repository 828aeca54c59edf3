"""Rule-based, offline extraction of proposed pledges from article text.

The pipeline, one module per stage; data flows one way (a stage imports only the ones
before it, a contract in ``pyproject.toml``)::

    sentences.py   1. split the text into sentences, keeping their exact offsets
    mentions.py    2. for one sentence, everything the finders see, found once, in one
                      frozen ``Mentions``: actors, kind and status cues, money, numbers
    frames.py      3. who does what to whom: one ``Frame`` per cue, with its agent,
                      status, quantity, money, recipient and host
    claims.py      4. one ``ProposedClaim`` per actor and kind per sentence, with the
                      sentence as the quote
    extractor.py   runs the stages in order (``Extractor``, ``extract_claims``)

The finders stage 2 calls::

    actors.py      actors: names, aliases, demonyms, capitals, and people the article
                   ties to an actor ("US Secretary of State John Kerry")
    quantities.py  numbers in digits and words with their qualifier; money
    cues.py        what kind of pledge a phrase names, and the status a verb implies
    reference.py   demonyms and capitals (from the ``countryinfo`` package, plus a few
                   curated additions)

``reports.py`` reads the same ``Mentions`` for claims that are not pledges (memberships,
meetings, attendance, sizes, agreements); ``evaluation.py`` scores the extractor.

Nothing here touches the network or loads a model; the same text always gives the
same claims. ``intake.services`` stores them as ``PledgeProposal`` rows (stage 5).
"""
