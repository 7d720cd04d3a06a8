"""Resolve: the one place that decides.

Extractors return every candidate with the rule that found it; the resolvers choose and
merge, each choice a named :class:`~pipeline.resolve.decisions.Decision`:

- :mod:`~pipeline.resolve.dates`: one expression per span, year-less days, publication and event dates;
- :mod:`~pipeline.resolve.author`: the author;
- :mod:`~pipeline.resolve.people`: the persons of a document;
- :mod:`~pipeline.resolve.titles`: a person's offices, and the key offices are compared by;
- :mod:`~pipeline.resolve.units`: unit spans, parents, entities and their names;
- :mod:`~pipeline.resolve.event`: the event's type, place, organiser and period;
- :mod:`~pipeline.resolve.registry`: who and what is the same across documents.
"""
