# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How much of Odoo's per-request limits a unit of work may use: a prefork worker is stopped past limit_time_cpu
seconds of CPU (RLIMIT_CPU, counted over all its threads: OCR runs two, so CPU time runs up to twice the wall
clock) and killed past limit_time_real (limit_time_real_cron for a cron worker) seconds of wall clock, both
counted from the start of the request or of the cron worker's run. A unit of work reads pages while a share of
what is left remains, and stops in time."""
import resource
import time

from odoo.tools import config

# a unit reads no new page once it has used this share of what was left when it started ...
UNIT_SHARE = 0.5
# ... and is stopped, in the middle of a page, past this share
HARD_SHARE = 0.8
# a cron run starts no unit with less than this left (seconds of wall clock and of CPU)
MIN_UNIT_SECONDS = 8.0
# a unit starting with this share of a fresh worker's budget or more has a full budget: one that reads no page
# then ends its document in timeout; with less, the document goes back to the queue for a fresh worker
FRESH_SHARE = 0.9


def cpu_seconds_left():
    """CPU seconds this process may still use: up to the RLIMIT_CPU a prefork worker set for this request or
    cron run, else (threaded server, tests) limit_time_cpu from now; None when neither applies."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft != resource.RLIM_INFINITY:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return max(0.0, soft - usage.ru_utime - usage.ru_stime)
    return configured_cpu_limit()


def configured_cpu_limit():
    """limit_time_cpu, what a worker has for a request or a cron run before spending any; None: no limit."""
    limit = config.get("limit_time_cpu") or 0
    return float(limit) if limit > 0 else None


def real_seconds_limit(cron=False):
    """limit_time_real, or for a cron limit_time_real_cron (-1: the same as limit_time_real; 0: none); None:
    no limit."""
    limit = config.get("limit_time_real") or 0
    if cron:
        cron_limit = config.get("limit_time_real_cron")
        if cron_limit is not None and cron_limit != -1:
            limit = cron_limit or 0
    return float(limit) if limit > 0 else None


class WorkBudget:
    """What is left of a worker's limits for the units of work of one request, job or cron run."""

    def __init__(self, wall_seconds, cpu_seconds, full=(None, None)):
        """``full``: (wall, CPU) seconds the same budget has in a worker that has spent nothing yet."""
        self.wall_end = None if wall_seconds is None else time.monotonic() + wall_seconds
        self.cpu_end = None if cpu_seconds is None else time.process_time() + cpu_seconds
        self.fresh = all(given is None or whole is None or given >= FRESH_SHARE * whole
                         for given, whole in zip((wall_seconds, cpu_seconds), full))

    @classmethod
    def for_request(cls):
        """A request's or a queue job's budget (it runs in an HTTP worker)."""
        return cls(real_seconds_limit(), cpu_seconds_left(), full=(real_seconds_limit(), configured_cpu_limit()))

    @classmethod
    def for_cron(cls, seconds=None):
        """A cron run's budget (``seconds`` at most): the other crons of the worker's run share its limits, half
        of the wall clock and three quarters of the CPU time left are ours."""
        def ours(wall, cpu):
            wall = wall and wall / 2
            if seconds:
                wall = min(wall, seconds) if wall else seconds
            return wall, cpu and cpu * 3 / 4
        wall, cpu = ours(real_seconds_limit(cron=True), cpu_seconds_left())
        return cls(wall, cpu, full=ours(real_seconds_limit(cron=True), configured_cpu_limit()))

    def left(self):
        """(wall seconds, CPU seconds) left; None for no limit."""
        wall = None if self.wall_end is None else max(0.0, self.wall_end - time.monotonic())
        cpu = None if self.cpu_end is None else max(0.0, self.cpu_end - time.process_time())
        return wall, cpu

    def is_fresh(self):
        """Whether the next unit is the first of a budget (nearly) as large as a fresh worker's: a unit that
        reads no page then could read none in any worker, while one started late in a worker's run (after
        other units, other crons) may only lack the time."""
        return self.fresh

    def room_for_a_unit(self):
        return all(left is None or left >= MIN_UNIT_SECONDS for left in self.left())

    def unit(self):
        """(unit seconds, unit CPU seconds, hard seconds, hard CPU seconds) of the next unit of work: it reads
        no new page past the first two and is stopped past the last two (None: no bound)."""
        wall, cpu = self.left()
        self.fresh = False  # the units after it share what it leaves

        def share(left, fraction):
            return None if left is None else left * fraction
        return share(wall, UNIT_SHARE), share(cpu, UNIT_SHARE), share(wall, HARD_SHARE), share(cpu, HARD_SHARE)
