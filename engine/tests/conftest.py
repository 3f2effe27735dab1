import os
import sys

# `python -m pytest engine/tests` from the addon root imports the engine as the top-level package `engine`.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# No time budget (read when each document is) for the tests that read real pages: on a loaded machine (CI beside
# other jobs) a long OCR test may pass the 45 s default. The budget's own tests give Limits(max_seconds=...)
# explicitly.
os.environ.setdefault("DIGITIZE_TIME_BUDGET", "0")

import pytest  # noqa: E402

from engine.reading.ocr import OcrBackend  # noqa: E402


class StubOcr(OcrBackend):
    """An OCR backend that reads nothing: for tests of the loader itself, not of recognition."""
    name = "stub"

    def recognize(self, image, lang=None):
        return []


@pytest.fixture
def ocr_stub():
    return StubOcr()
