"""``python -m pipeline`` is the ``thidua`` command."""

from pipeline.cli import main

raise SystemExit(main())
