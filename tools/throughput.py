"""``python -m tools.throughput``: documents per minute of a Digitize server under Odoo's production limits.

Starts Odoo in prefork on a database (installing digitize, and digitize_queue_job for ``--mode jobs``, the first
time), with Odoo's default limits (limit_time_cpu 60 s, limit_time_real 120 s, limit_memory_soft 2 GiB,
limit_memory_hard 2.5 GiB), sends K documents through the Extract API (parse), and waits for every result. Prints
documents per minute, the time to the first and the last result, the peak virtual size and resident memory of
each Odoo process, the workers Odoo killed or recycled (from its log), documents lost (no result in time) and
documents read twice, and the CPU time each part used; then stops what it started. In jobs mode the documents are
sent once queue_job's runner is ready (it starts 5 s after Odoo).

    python -m tools.throughput FILES_DIR --mode cron --db bench_cron --port 58120
    python -m tools.throughput FILES_DIR --mode jobs --job-workers 2 --db bench_jobs --port 58120
    python -m tools.throughput FILES_DIR --mode jobs --job-workers 1 --nodes 2 --db bench_jobs --port 58120

``--mode cron``: the processing cron (``--workers 2 --max-cron-threads 1``: one cron worker reads). ``--mode jobs``:
OCA queue_job, ``--job-workers N`` = the ``root.digitize`` channel's capacity, N + 1 HTTP workers per node. With
``--nodes 2`` a second Odoo process on the same database serves job requests too: the job runner of the first
calls both through a round-robin proxy, as a load balancer would. ``DIGITIZE_OCR_THREADS`` (default 1 here) is
the OCR threads of each worker. Odoo's database options come from ``--db-*``; the addons path from ``--odoo``,
``--queue-job`` and this checkout (the folder holding the addon must be named ``digitize``: a symlink is made in
a temporary folder).
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import psutil
import psycopg2
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILL_PATTERNS = {
    "cpu limit": re.compile(r"CPU time limit \(\S+\) reached"),
    "killed (timeout)": re.compile(r"\) timeout after \d+s"),
    "virtual memory recycled": re.compile(r"virtual memory limit \(\S+\) reached"),
    "real time limit": re.compile(r"virtual real time limit"),
    "memory error": re.compile(r"MemoryError"),
}
# anything else that failed (a process Odoo starts again and again, its gevent one for instance)
TRACEBACK = re.compile(r"^Traceback \(most recent call last\)")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", help="folder of documents (pdf, jpg, png) or one file; sent in name order")
    parser.add_argument("--docs", type=int, default=20, help="documents to send (K); the files are cycled")
    parser.add_argument("--doc-type", default="expense", choices=("invoice", "expense", "applicant"))
    parser.add_argument("--mode", default="jobs", choices=("cron", "jobs"))
    parser.add_argument("--job-workers", type=int, default=2, help="jobs mode: the digitize channel's capacity")
    parser.add_argument("--nodes", type=int, default=1, choices=(1, 2))
    parser.add_argument("--db", required=True)
    parser.add_argument("--addon", default=ROOT, help="the digitize checkout to run (another version to compare)")
    parser.add_argument("--port", type=int, default=58120, help="first HTTP port (the next ones: nodes, proxy, gevent)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds to wait for the last result")
    parser.add_argument("--odoo", default=os.environ.get("ODOO_PATH", os.path.join(ROOT, "..", "shared",
                                                                                "odoo-18.0")))
    parser.add_argument("--queue-job", default=os.environ.get("QUEUE_JOB_SRC", os.path.join(
        ROOT, "..", "shared", "oca-queue-18.0")))
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-port", default="55433")
    parser.add_argument("--db-user", default="digitize")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def busy_cpu():
    """CPU seconds the whole machine has spent working (every core, every process, the kernel) since boot."""
    times = psutil.cpu_times()
    # (Linux counts guest time in user time already; steal is time the hypervisor gave to others)
    return sum(getattr(times, name, 0) for name in ("user", "nice", "system", "irq", "softirq"))


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix="throughput-")
        os.symlink(args.addon, os.path.join(self.tmp, "digitize"))
        paths = [os.path.join(args.odoo, "odoo", "addons"), self.tmp, os.path.join(args.addon, "addons")]
        if args.mode == "jobs":
            paths.append(args.queue_job)
        self.addons_path = ",".join(os.path.abspath(p) for p in paths)
        self.nodes = []  # (Popen, log path)
        self.peaks = {}  # pid → [role, peak vms, peak rss]
        self.odoo_cpu = {}  # pid → CPU seconds last seen (a process that ended keeps its last sample)
        self.sampling = True

    # ------------------------------------------------------------------------------------------- Odoo
    def odoo_command(self, *extra, command=()):
        args = self.args
        # odoo-bin, not ``-m odoo``: the prefork server starts its gevent process again with sys.argv[0]
        return [sys.executable, os.path.join(args.odoo, "odoo-bin"), *command, f"--addons-path={self.addons_path}",
                f"--db_host={args.db_host}", f"--db_port={args.db_port}", f"--db_user={args.db_user}", "-d", args.db,
                f"--db-filter=^{args.db}$", *extra]

    def environment(self):
        env = dict(os.environ, PYTHONPATH=os.path.abspath(self.args.odoo))
        env.setdefault("DIGITIZE_OCR_THREADS", "1")
        return env

    def install(self):
        """Install the modules on a new database (an existing one is used as it is)."""
        connection = psycopg2.connect(host=self.args.db_host, port=self.args.db_port, user=self.args.db_user,
                                      dbname="postgres")
        try:
            with connection.cursor() as cr:
                cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.args.db,))
                if cr.fetchone():
                    return
        finally:
            connection.close()
        modules = "digitize,digitize_queue_job" if self.args.mode == "jobs" else "digitize"
        log = os.path.join(self.tmp, "install.log")
        with open(log, "w", encoding="utf-8") as handle:
            subprocess.run(self.odoo_command("-i", modules, "--stop-after-init", "--without-demo=all",
                                             "--http-port", str(self.args.port)),
                           env=self.environment(), stdout=handle, stderr=subprocess.STDOUT, check=True,
                           cwd=self.tmp)

    def forget_leftovers(self):
        """Drop what an interrupted earlier run left queued on this database: it would be read first."""
        connection = psycopg2.connect(host=self.args.db_host, port=self.args.db_port, user=self.args.db_user,
                                      dbname=self.args.db)
        try:
            with connection.cursor() as cr:
                cr.execute("DELETE FROM digitize_document WHERE state IN ('queued', 'processing')")
                cr.execute("SELECT to_regclass('queue_job')")
                if cr.fetchone()[0]:
                    cr.execute("DELETE FROM queue_job WHERE state NOT IN ('done', 'failed', 'cancelled')")
            connection.commit()
        finally:
            connection.close()

    def account_token(self):
        """An account with unlimited credits and its token, made in the database directly by Odoo's shell."""
        script = ("account = env['digitize.account'].create({'name': 'Throughput', 'unlimited': True})\n"
                  "print('TOKEN=' + account._set_new_token())\nenv.cr.commit()\n")
        answer = subprocess.run(self.odoo_command("--no-http", command=("shell",)), input=script, text=True,
                                capture_output=True, env=self.environment(), check=True, cwd=self.tmp)
        return re.search(r"TOKEN=(\S+)", answer.stdout).group(1)

    def start_node(self, index):
        args, port = self.args, self.args.port + index
        limits = ["--limit-time-cpu=60", "--limit-time-real=120", "--limit-memory-soft=2147483648",
                  "--limit-memory-hard=2684354560"]
        env = self.environment()
        if args.mode == "jobs":
            workers, crons = args.job_workers + 1, 1
            # the runner of node 0 only, calling every node through the proxy (a load balancer)
            load = "base,web,queue_job" if index == 0 else "base,web"
            env["ODOO_QUEUE_JOB_CHANNELS"] = f"root:{args.job_workers * args.nodes},root.digitize:" \
                                             f"{args.job_workers * args.nodes}"
            if args.nodes > 1:
                env["ODOO_QUEUE_JOB_PORT"] = str(self.proxy_port)
        else:
            workers, crons, load = 2, 1, "base,web"
        log = os.path.join(self.tmp, f"node{index}.log")
        handle = open(log, "w", encoding="utf-8")  # pylint: disable=consider-using-with (closed with the node)
        process = subprocess.Popen(  # pylint: disable=consider-using-with (stopped in stop())
            # each node its own gevent port: a second one on the same port would fail, and be started again
            self.odoo_command(f"--http-port={port}", f"--gevent-port={args.port + args.nodes + 1 + index}",
                              f"--workers={workers}", f"--max-cron-threads={crons}", f"--load={load}", *limits),
            env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=self.tmp, start_new_session=True)
        self.nodes.append((process, log, handle))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/web/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        else:
            raise RuntimeError(f"node {index} did not start: see {log}")
        if args.mode == "jobs" and index == 0:
            # queue_job starts its runner 5 s after Odoo: documents are sent to a running server, as in production
            self.wait_for_line(log, "queue job runner ready for db", deadline)

    @staticmethod
    def wait_for_line(log, text, deadline):
        while time.monotonic() < deadline:
            with open(log, encoding="utf-8", errors="replace") as handle:
                if any(text in line for line in handle):
                    return
            time.sleep(0.5)
        raise RuntimeError(f"{text!r} never came: see {log}")

    def stop(self):
        self.sampling = False
        for process, _log, _handle in self.nodes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _log, handle in self.nodes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            handle.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------------------------------------- proxy
    def start_proxy(self):
        """A round-robin TCP proxy in front of the nodes: how a job runner reaches several nodes."""
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.args.port + self.args.nodes))
        server.listen(64)
        self.proxy_port = server.getsockname()[1]
        ports = [self.args.port + index for index in range(self.args.nodes)]

        def pipe(source, target):
            try:
                while chunk := source.recv(65536):
                    target.sendall(chunk)
            except OSError:
                pass
            finally:
                for end in (source, target):
                    try:
                        end.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        def serve():
            turn = 0
            while True:
                client, _ = server.accept()
                upstream = socket.create_connection(("127.0.0.1", ports[turn % len(ports)]))
                turn += 1
                threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
                threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        threading.Thread(target=serve, daemon=True).start()

    # ------------------------------------------------------------------------------------------- memory
    def sample_memory(self):
        while self.sampling:
            for index, (process, _log, _handle) in enumerate(self.nodes):
                try:
                    family = [psutil.Process(process.pid)] + psutil.Process(process.pid).children(recursive=True)
                except psutil.Error:
                    continue
                for member in family:
                    try:
                        info = member.memory_info()
                        times = member.cpu_times()
                        role = f"node{index} " + ("main" if member.pid == process.pid else "child")
                    except psutil.Error:
                        continue
                    self.odoo_cpu[member.pid] = times.user + times.system
                    peak = self.peaks.setdefault(member.pid, [role, 0, 0])
                    peak[1], peak[2] = max(peak[1], info.vms), max(peak[2], info.rss)
            time.sleep(0.5)

    # ------------------------------------------------------------------------------------------- CPU
    def database_cpu(self):
        """{pid: CPU seconds} of the PostgreSQL server on ``--db-port`` and its processes (of every PostgreSQL
        process, where that server is not found)."""
        processes = None
        try:
            listening = [c.pid for c in psutil.net_connections(kind="tcp") if c.pid and c.status == psutil.CONN_LISTEN
                         and c.laddr and c.laddr.port == int(self.args.db_port)]
            if listening:
                server = psutil.Process(listening[0])
                processes = [server] + server.children(recursive=True)
        except (psutil.Error, ValueError):
            pass
        if processes is None:
            processes = [p for p in psutil.process_iter(["name"]) if p.info["name"] in ("postgres", "postmaster")]
        seconds = {}
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            seconds[process.pid] = times.user + times.system
        return seconds

    # ------------------------------------------------------------------------------------------- run
    def documents(self):
        path = self.args.files
        names = sorted(os.listdir(path)) if os.path.isdir(path) else [os.path.basename(path)]
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        files = [os.path.join(folder, name) for name in names
                 if name.lower().endswith((".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"))]
        return [files[index % len(files)] for index in range(self.args.docs)]

    def send(self, token, files):
        url = f"http://127.0.0.1:{self.args.port}/api/extract/{self.args.doc_type}/2/parse"
        tokens = []
        for path in files:
            with open(path, "rb") as handle:
                content = base64.b64encode(handle.read()).decode()
            body = {"jsonrpc": "2.0", "method": "call", "id": len(tokens),
                    "params": {"account_token": token, "documents": [content]}}
            answer = requests.post(url, json=body, timeout=60).json()["result"]
            if answer.get("status") != "success":
                raise RuntimeError(f"parse refused: {answer}")
            tokens.append(answer["document_token"])
        return tokens

    def wait(self, uuids, started):
        """{uuid: seconds from the first parse to its result} as the results land (read from the database)."""
        done = {}
        connection = psycopg2.connect(host=self.args.db_host, port=self.args.db_port, user=self.args.db_user,
                                      dbname=self.args.db)
        connection.autocommit = True
        deadline = started + self.args.timeout
        try:
            with connection.cursor() as cr:
                while len(done) < len(uuids) and time.monotonic() < deadline:
                    cr.execute("SELECT uuid FROM digitize_document WHERE uuid = ANY(%s) AND state IN ('done', "
                               "'error')", (list(uuids),))
                    now = time.monotonic() - started
                    for (uuid,) in cr.fetchall():
                        done.setdefault(uuid, now)
                    time.sleep(0.25)
                cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'digitize_document' "
                           "AND column_name = 'units'")
                units = "sum(units)" if cr.fetchone() else "0"  # (a version before units of work)
                cr.execute(f"SELECT state, count(*), max(attempts), {units} FROM digitize_document "  # noqa: S608
                           "WHERE uuid = ANY(%s) GROUP BY state", (list(uuids),))
                states = {state: (count, attempts, units) for state, count, attempts, units in cr.fetchall()}
        finally:
            connection.close()
        return done, states

    def kills(self):
        """({kind: workers killed or recycled}, tracebacks) read from the nodes' logs."""
        counts, tracebacks = dict.fromkeys(KILL_PATTERNS, 0), 0
        for _process, log, _handle in self.nodes:
            with open(log, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    tracebacks += bool(TRACEBACK.search(line))
                    for name, pattern in KILL_PATTERNS.items():
                        if pattern.search(line):
                            counts[name] += 1
        return counts, tracebacks

    def run(self):
        args = self.args
        self.install()
        self.forget_leftovers()
        token = self.account_token()
        if args.mode == "jobs" and args.nodes > 1:
            self.start_proxy()
        for index in range(args.nodes):
            self.start_node(index)
        threading.Thread(target=self.sample_memory, daemon=True).start()
        time.sleep(1)  # a first sample of every process: its CPU before the run
        files = self.documents()
        load_before = os.getloadavg()
        database_before, odoo_before = self.database_cpu(), dict(self.odoo_cpu)
        own_before, machine_before = psutil.Process().cpu_times(), busy_cpu()
        started = time.monotonic()
        uuids = self.send(token, files)
        sent = time.monotonic() - started
        done, states = self.wait(uuids, started)
        load_after = os.getloadavg()
        database_after, own_after = self.database_cpu(), psutil.Process().cpu_times()
        machine = busy_cpu() - machine_before
        # CPU seconds spent from the first parse to the last result, by whom: where a second worker's time goes
        cpu = {"odoo": sum(seconds - odoo_before.get(pid, 0) for pid, seconds in dict(self.odoo_cpu).items()),
               "postgresql": sum(seconds - database_before.get(pid, 0) for pid, seconds in database_after.items()),
               "this client": own_after.user + own_after.system - own_before.user - own_before.system}
        kills, tracebacks = self.kills()
        self.stop()
        finished = sorted(done.values())
        figures = {
            "mode": args.mode, "job_workers": args.job_workers if args.mode == "jobs" else None,
            "nodes": args.nodes, "ocr_threads": int(self.environment()["DIGITIZE_OCR_THREADS"]),
            "documents": len(uuids), "sent_in_s": round(sent, 1),
            "results": len(done), "lost": len(uuids) - len(done),
            "first_result_s": round(finished[0], 1) if finished else None,
            "last_result_s": round(finished[-1], 1) if finished else None,
            "docs_per_minute": round(60 * len(done) / finished[-1], 2) if finished else 0,
            "states": {state: count for state, (count, _a, _u) in states.items()},
            "max_attempts": max((a or 0 for _c, a, _u in states.values()), default=0),
            "units": sum(u or 0 for _c, _a, u in states.values()),
            "kills": kills,
            "tracebacks_in_log": tracebacks,
            "cpu_seconds": {role: round(seconds, 1) for role, seconds in cpu.items()},
            "cores_busy": round(sum(cpu.values()) / finished[-1], 2) if finished else None,
            "machine_cores_busy": round(machine / finished[-1], 2) if finished else None,
            "load_1min_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
            "peak_memory_mb": sorted(([role, pid, round(vms / 2**20), round(rss / 2**20)]
                                      for pid, (role, vms, rss) in self.peaks.items()),
                                     key=lambda row: -row[2])[:8],
        }
        print(json.dumps(figures, indent=1))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump(figures, handle, indent=1)
        return figures


def main(argv=None):
    bench = Bench(parse_args(argv))
    try:
        bench.run()
    finally:
        bench.stop()


if __name__ == "__main__":
    main()
