"""`python -m decision_aid` runs the same command line as `decision-aid`."""

import sys

from decision_aid.cli import main

sys.exit(main())
