"""Dates: which dates each article's text reports, and when each outlet published.

:func:`date_mentions` finds time expressions in the body ("am 28. Juli 2023", "14.09.2023",
"vom 10. bis 13. September", "im Juli", "am Mittwoch", "im Vorjahr", "im dritten Quartal",
"in den 1990er-Jahren", "last Tuesday", "two years ago") and resolves each to the span of days
it denotes, at the precision the text gives. Relative expressions are resolved only against a
publication date precise enough for them; otherwise the row stays unresolved and ``how`` says
why. Durations, recurring times and "nowadays" are told apart in ``kind`` and never dated.

One module per step: ``words`` (the data files), ``patterns`` (recognising), ``resolve``
(anchoring), ``mentions`` (the table), ``timeline`` (publication order), ``conflicts``.
"""
from .conflicts import date_conflicts
from .mentions import DATE_COLUMNS, DEFAULT_KINDS, KINDS, date_mentions, dates_in_text
from .timeline import publication_order, publication_span
from .words import WEEKDAYS

__all__ = ["DATE_COLUMNS", "DEFAULT_KINDS", "KINDS", "WEEKDAYS", "date_conflicts", "date_mentions", "dates_in_text",
           "publication_order", "publication_span"]
