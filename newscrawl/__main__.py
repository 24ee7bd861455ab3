"""``python -m newscrawl`` runs the console script."""

import sys

from newscrawl.cli import main

sys.exit(main())
