import sys

from careercap.cli import main

sys.exit(main())
