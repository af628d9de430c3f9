"""Entry script for the frozen build: the package's own command line."""

import sys

from tanhoi_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
