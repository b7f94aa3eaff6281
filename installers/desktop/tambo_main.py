"""Entry point of the frozen desktop app (PyInstaller runs this file as ``__main__``).

The installed ``tambo`` of a pip install is the console script ``desktop.cli:main``; a frozen build
needs a real script instead, and ``freeze_support`` in case a library ever starts a worker process.
"""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
