"""Settings for the whole test run."""

from __future__ import annotations

import os
import tempfile

# The on-disk cache of parsed framework files goes to a folder of this run's own
# (inherited by the CLI subprocesses), never to the user's cache.
os.environ.setdefault("AMPARO_CACHE_DIR", tempfile.mkdtemp(prefix="amparo-test-cache-"))
