"""Review: static HTML pages to check a run's records against their text (:mod:`~pipeline.review.site`)."""
