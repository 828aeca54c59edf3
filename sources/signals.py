"""Signals sources sends to the apps above it (which it may not import)."""

from django.dispatch import Signal

#: Sent when a source gains text (an imported article, a pasted text) or its text
#: changes (a correction); ``source=`` the Source. The intake app listens and proposes
#: the claims the text states (replacing its pending proposals, keeping decided ones).
source_text_added = Signal()
