import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# as in engine/tests/conftest.py: no time budget for the documents the benchmark tests read
os.environ.setdefault("DIGITIZE_TIME_BUDGET", "0")
