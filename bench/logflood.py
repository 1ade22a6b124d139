#!/usr/bin/env python3
"""A build that prints far more than its log may hold: the orchestrator's memory while it runs, and what the log keeps.

One `kiln up` (embedded PostgreSQL and S3, one local build agent, no UI) and one run of a build that prints
--gigabytes GB of short lines (`yes ... | head -c`). Samples the orchestrator's RSS every 0.2 s from the push to the
run's end, then reads the job's log through the API a page at a time. Reports: peak and idle RSS (the goal: under
512 MiB), the build's wall time, the lines the log kept, the marker lines, and the dropped lines they count, so that
kept + dropped is every line printed; and the time of a page of 1,000 lines at the start, the middle and the end of
the (archived) log. Standard library only.

Usage: bench/logflood.py [--gigabytes 3] [--max-log-size 100m]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from orchestrator import KILN, SECRET, Api, free_port, make_repo, push, rss_kb, send_push, wait_run  # noqa: E402

LINE = "a line of a very chatty build, printed again and again"

FLOOD = """version: 1
stages:
  - name: build
    actions:
      - name: flood
        type: build
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - yes '%s' | head -c BYTES
                - echo after the flood
""" % LINE


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gigabytes", type=float, default=3)
    ap.add_argument("--max-log-size", default="100m")
    args = ap.parse_args()
    size = int(args.gigabytes * 1000 ** 3)

    base = tempfile.mkdtemp(prefix="kiln-bench-flood-")
    port = free_port()
    env = dict(os.environ, KILN_CONFIG=os.path.join(base, "config"))
    log = open(os.path.join(base, "up.log"), "w")
    print("starting kiln up (data in %s) ..." % base, file=sys.stderr)
    up = subprocess.Popen([KILN, "up", "--port", str(port), "--data", os.path.join(base, "data"), "--agents", "1",
                           "--poll-interval", "0", "--ui-port", "-1", "--max-log-size", args.max_log_size],
                          stdout=log, stderr=log, env=env)
    url = "http://127.0.0.1:%d" % port
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(url + "/api/v1/health", timeout=2).status == 200:
                    break
            except Exception:
                pass
            if up.poll() is not None:
                sys.exit("kiln up ended; see " + log.name)
            time.sleep(0.2)
        token = [l.split("=", 1)[1].strip() for l in open(env["KILN_CONFIG"]) if l.startswith("token=")][0]
        api = Api(url, token)
        time.sleep(3)
        idle = rss_kb(up.pid)
        bare, work = make_repo(base, "flood", FLOOD.replace("BYTES", str(size)))
        status, _ = api.call("POST", "/api/v1/repositories", {"url": bare, "name": "flood",
                                                               "pollIntervalSeconds": 0, "webhookSecret": SECRET})
        assert status == 201, status
        commit = push(work, 1)  # a commit after the repository was added: its push is new
        peak = [idle]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kb(up.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.time()
        send_push(api, "flood", commit, bare)
        run = wait_run(api, commit, timeout=3600)
        took = time.time() - started
        done.set()
        sampler.join()
        _, jobs = api.call("GET", "/api/v1/runs/%s/jobs" % run["id"])
        job = [j for j in jobs if j["action"] == "flood"][0]
        kept, markers, chars, dropped, after = 0, [], 0, 0, False
        offset = 0
        while True:
            _, page = api.call("GET", "/api/v1/jobs/%s/log?from=%d" % (job["id"], offset))
            if not page["lines"]:
                break
            for line in page["lines"]:
                chars += len(line) + 1
                if line == LINE:
                    kept += 1
                elif line.startswith("[Kiln]"):
                    markers.append(line)
                    m = re.match(r"\[Kiln\] (\d+) line\(s\)", line)
                    if m:
                        dropped += int(m.group(1))
                elif line == "after the flood":
                    after = True
            offset = page["next"]
        printed = size // (len(LINE) + 1)
        print("run %s %s in %.0f s: %.1f GB printed (%d lines of %d bytes)"
              % (run["id"], run["status"], took, size / 1e9, printed, len(LINE) + 1))
        print("orchestrator RSS: idle %d MiB, peak %d MiB while the build printed (goal: under 512 MiB)"
              % (idle // 1024, peak[0] // 1024))
        print("log kept %d lines of the flood (%.1f MiB in all), dropped and counted %d; kept + dropped = %d of %d"
              " printed (+1 partial line); 'after the flood' %s"
              % (kept, chars / 1048576, dropped, kept + dropped, printed, "counted" if not after else "kept"))
        for m in markers:
            print("  " + m)
        # a page of 1,000 lines near the start and deep in the log: the same cost wherever it is
        for at in (0, kept // 2, max(0, kept - 1000)):
            times = []
            for _ in range(7):
                t = time.time()
                api.call("GET", "/api/v1/jobs/%s/log?from=%d&limit=1000" % (job["id"], at))
                times.append(time.time() - t)
            times.sort()
            print("page of 1,000 lines from line %d: median %.1f ms" % (at, times[len(times) // 2] * 1000))
    finally:
        up.terminate()
        try:
            up.wait(120)
        except subprocess.TimeoutExpired:
            up.kill()


if __name__ == "__main__":
    main()
