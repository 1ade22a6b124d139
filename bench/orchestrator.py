#!/usr/bin/env python3
"""Kiln's orchestrator benchmark: a real `kiln up` (embedded PostgreSQL and S3, local agents in containers),
driven through its API. Standard library only. Medians over --runs.

  (1) push -> first build command: a signed GitHub webhook for a pushed commit, an idle agent; the time from
      sending the webhook to the first command's own clock reading (`date +%s.%N`, same machine).
  (2) a build action's end -> the next action's first command: the last command of stage one prints its clock,
      the first command of stage two prints its own; the difference.
  (3) --load N runs of a one-command pipeline started at once on --agents agents: wall time, against the same
      N builds run bare by the engine (`kiln build`, --agents at a time) and against `podman run --rm` of the
      same command in the same image (--agents at a time). Throughput ratio = bare time / Kiln time.
  RSS of the orchestrator process: idle (after start) and the peak during (3).

Usage: bench/orchestrator.py [--runs 10] [--load 100] [--agents 2] [--skip-load]
"""
import argparse
import concurrent.futures
import hashlib
import hmac
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILN = os.path.join(ROOT, "bin", "kiln")
SECRET = "bench-secret"

TWO_STAGES = """version: 1
execution-mode: PARALLEL
stages:
  - name: first
    actions:
      - name: a
        type: build
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - echo "FIRST=$(date +%s.%N)"
                - echo "END=$(date +%s.%N)"
  - name: second
    actions:
      - name: b
        type: build
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - echo "START=$(date +%s.%N)"
"""

ONE_COMMAND = """version: 1
execution-mode: PARALLEL
stages:
  - name: build
    actions:
      - name: echo
        type: build
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - echo hi
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, url, token):
        self.url, self.token = url, token

    def call(self, method, path, body=None, headers=None, auth=True):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if auth:
            req.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                text = r.read()
                return r.status, (json.loads(text) if text and r.headers.get_content_type() == "application/json"
                                  else None)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def git_out(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def make_repo(base, name, pipeline):
    bare, work = os.path.join(base, name + ".git"), os.path.join(base, name)
    git(base, "init", "-q", "--bare", "-b", "main", bare)
    git(base, "clone", "-q", bare, work)
    for k, v in (("user.email", "bench@example.invalid"), ("user.name", "Bench"), ("commit.gpgsign", "false")):
        git(work, "config", k, v)
    os.makedirs(os.path.join(work, ".kiln"))
    with open(os.path.join(work, ".kiln", "pipeline.yml"), "w") as f:
        f.write(pipeline)
    with open(os.path.join(work, "README.md"), "w") as f:
        f.write("# bench\n")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "start")
    git(work, "push", "-q", "origin", "HEAD:main")
    return bare, work


def push(work, n):
    with open(os.path.join(work, "README.md"), "a") as f:
        f.write("change %d\n" % n)
    git(work, "commit", "-q", "-am", "change %d" % n)
    git(work, "push", "-q", "origin", "HEAD:main")
    return git_out(work, "rev-parse", "HEAD")


def rss_kb(pid):
    total = 0
    for p in [pid]:
        with open("/proc/%d/status" % p) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def wait_run(api, commit, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, runs = api.call("GET", "/api/v1/runs?limit=200")
        for run in runs or []:
            if run["sourceRevision"] == commit and run["endTime"]:
                return run
        time.sleep(0.05)
    sys.exit("no run of %s ended within %d s" % (commit, timeout))


def job_lines(api, run_id):
    lines = {}
    _, jobs = api.call("GET", "/api/v1/runs/%s/jobs" % run_id)
    for job in jobs:
        _, log = api.call("GET", "/api/v1/jobs/%s/log" % job["id"])
        lines[job["action"]] = log["lines"]
    return lines


def send_push(api, repository, commit, clone_url, secret=SECRET):
    """Sends a signed GitHub push webhook for a commit; answers the time it was sent."""
    payload = json.dumps({"ref": "refs/heads/main", "before": "0" * 40, "after": commit,
                          "repository": {"clone_url": clone_url}, "commits": []}).encode()
    sig = "sha256=" + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    sent = time.time()
    status, _ = api.call("POST", "/api/v1/webhooks/" + repository, payload,
                         {"X-GitHub-Event": "push", "X-Hub-Signature-256": sig}, auth=False)
    assert status == 202, status
    return sent


def stamp(lines, key):
    for line in lines:
        if line.startswith(key + "="):
            return float(line.split("=", 1)[1])
    sys.exit("no %s= line in %s" % (key, lines[-20:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--load", type=int, default=100)
    ap.add_argument("--agents", type=int, default=2)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--image", default="kiln/standard:1")
    args = ap.parse_args()

    base = tempfile.mkdtemp(prefix="kiln-bench-orch-")
    port = free_port()
    env = dict(os.environ, KILN_CONFIG=os.path.join(base, "config"))
    log = open(os.path.join(base, "up.log"), "w")
    print("starting kiln up (data in %s) ..." % base, file=sys.stderr)
    up = subprocess.Popen([KILN, "up", "--port", str(port), "--data", os.path.join(base, "data"),
                           "--agents", str(args.agents), "--poll-interval", "0",
                           "--ui-port", "-1"], stdout=log, stderr=log, env=env)
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
        java = [p for p in subprocess.run(["pgrep", "-P", str(up.pid)], stdout=subprocess.PIPE, text=True)
                .stdout.split()] or [str(up.pid)]
        server_pid = up.pid if not java else int(java[0]) if "java" not in open("/proc/%d/cmdline" % up.pid).read() \
            else up.pid
        for _ in range(100):
            _, agents = api.call("GET", "/api/v1/agents")
            if agents and len(agents) >= args.agents:
                break
            time.sleep(0.2)
        time.sleep(2)
        idle_rss = rss_kb(server_pid)

        bare, work = make_repo(base, "bench", TWO_STAGES)
        status, _ = api.call("POST", "/api/v1/repositories", {"url": bare, "name": "bench",
                                                               "pollIntervalSeconds": 0, "webhookSecret": SECRET})
        assert status == 201, status
        first, handoff = [], []
        for i in range(args.runs + 1):
            commit = push(work, i)
            sent = send_push(api, "bench", commit, bare)
            run = wait_run(api, commit)
            if run["status"] != "Succeeded":
                sys.exit("run failed: %s" % json.dumps(run)[:2000])
            lines = job_lines(api, run["id"])
            if i == 0:
                continue  # warm-up: the first container of each agent
            first.append(stamp(lines["a"], "FIRST") - sent)
            handoff.append(stamp(lines["b"], "START") - stamp(lines["a"], "END"))
            time.sleep(1)  # both agents idle again
        print("(1) push -> first build command: median %.3f s (min %.3f, max %.3f, n=%d; target <= 1.0 s)"
              % (statistics.median(first), min(first), max(first), len(first)))
        print("(2) action end -> next action's first command: median %.3f s (min %.3f, max %.3f; target <= 0.5 s)"
              % (statistics.median(handoff), min(handoff), max(handoff)))
        print("    orchestrator RSS idle: %d MiB" % (idle_rss // 1024))
        if args.skip_load:
            return

        bare2, work2 = make_repo(base, "load", ONE_COMMAND)
        api.call("POST", "/api/v1/repositories", {"url": bare2, "name": "load", "pollIntervalSeconds": 0})
        peak = [0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kb(server_pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.time()
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            ids = list(pool.map(lambda _: api.call("POST", "/api/v1/runs", {"pipeline": "load"})[1]["id"],
                                range(args.load)))
        pending = set(ids)
        while pending:
            _, runs = api.call("GET", "/api/v1/runs?pipeline=load&limit=%d" % (args.load + 10))
            for run in runs:
                if run["id"] in pending and run["endTime"]:
                    if run["status"] != "Succeeded":
                        sys.exit("a load run failed: %s" % json.dumps(run)[:1000])
                    pending.discard(run["id"])
            time.sleep(0.2)
        kiln_time = time.time() - start
        stop.set()
        sampler.join()

        src = os.path.join(base, "bare-src")
        os.makedirs(src)
        with open(os.path.join(src, "buildspec.yml"), "w") as f:
            f.write("version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n")
        start = time.time()
        with concurrent.futures.ThreadPoolExecutor(args.agents) as pool:
            list(pool.map(lambda _: subprocess.run([KILN, "build", "--source", src, "--artifacts",
                                                    os.path.join(base, "bare-artifacts")],
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                   check=True), range(args.load)))
        engine_time = time.time() - start
        cli = shutil.which("podman") or shutil.which("docker")
        start = time.time()
        with concurrent.futures.ThreadPoolExecutor(args.agents) as pool:
            list(pool.map(lambda _: subprocess.run([cli, "run", "--rm", args.image, "sh", "-c", "echo hi"],
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                   check=True), range(args.load)))
        podman_time = time.time() - start
        print("(3) %d runs at once on %d agents: Kiln %.1f s; engine alone (kiln build x%d, %d at a time) %.1f s;"
              " podman run --rm %.1f s" % (args.load, args.agents, kiln_time, args.load, args.agents, engine_time,
                                           podman_time))
        print("    throughput vs the engine alone: %.2fx; vs podman run: %.2fx (target >= 0.8x)"
              % (engine_time / kiln_time, podman_time / kiln_time))
        print("    orchestrator RSS peak under load: %d MiB" % (peak[0] // 1024))
    finally:
        up.terminate()
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
