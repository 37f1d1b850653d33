"""What the bundled program runs: the same `main` as `employer-desk` from a checkout."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
