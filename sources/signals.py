"""Signals sources sends to the apps above it (which it may not import)."""

from django.dispatch import Signal

#: Sent when a source gains text (an imported article, a pasted text); ``source=`` the
#: Source. The intake app listens and proposes the claims the text states.
source_text_added = Signal()
