#!/usr/bin/env python3
"""Push -> first build command through the compose stack: the project's docker-compose.yml with the offline
override (bin/compose-images makes the base images once), a fresh project name and secrets, on this machine's
engine; on Podman, bin/podman-healthchecks runs the health checks. Standard library only.

A commit is pushed to a bare repository the orchestrator container reads (a mounted directory), registered with a
webhook secret and no polling; the harness sends the signed GitHub push webhook to the published API port and takes
the time; the build's first command, in a container the containerized build agent starts on the host's engine,
prints its own clock. One warm-up, then --runs. Medians.

Usage: bench/compose.py [--runs 10] [--image kiln/standard:1]   (an image with GNU date; bin/kiln build makes it)
"""
import argparse
import base64
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from orchestrator import Api, free_port, job_lines, make_repo, push, send_push, stamp, wait_run  # noqa: E402
from scale import wait_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = "bench-secret"
PIPELINE = """version: 1
stages:
  - name: build
    actions:
      - name: a
        type: build
        image: IMAGE
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - echo "FIRST=$(date +%s.%N)"
"""
OVERRIDE = """version: "3.8"
services:
  orchestrator:
    volumes: ["${KILN_BENCH_GIT}:/srv/git:ro"]
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--image", default="kiln/standard:1")  # GNU date: %N
    args = ap.parse_args()
    socket = os.environ.get("DOCKER_HOST", "unix:///run/podman/podman.sock")
    cli = shutil.which("podman") or shutil.which("docker")
    if subprocess.run([cli, "image", "inspect", args.image], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit("compose.py: %s is not on the engine; bin/kiln build --source pipelines-examples/hello makes"
                 " kiln/standard:1" % args.image)
    subprocess.run([os.path.join(ROOT, "bin", "compose-images")], check=True)
    base = tempfile.mkdtemp(prefix="kiln-bench-compose-")
    git = os.path.join(base, "git")
    os.makedirs(git)
    os.chmod(base, 0o755)
    port = free_port()
    env_vars = {
        "POSTGRES_PASSWORD": secrets.token_hex(16), "KILN_S3_ACCESS_KEY": "kiln-bench",
        "KILN_S3_SECRET_KEY": secrets.token_hex(20),
        "KILN_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "KILN_ADMIN_TOKEN": secrets.token_hex(24), "KILN_AGENT_TOKEN": secrets.token_hex(24),
        "KILN_DEPLOY_AGENT_TOKEN": secrets.token_hex(24),
        "KILN_UI_TOKEN": secrets.token_hex(24), "KILN_ENGINE_SOCKET": socket.replace("unix://", ""),
        "KILN_HTTP_PORT": str(port), "KILN_UI_PORT": str(free_port()), "KILN_BENCH_GIT": git}
    env_file = os.path.join(base, "compose.env")
    with open(env_file, "w") as f:
        f.writelines("%s=%s\n" % kv for kv in env_vars.items())
    override = os.path.join(base, "bench.yml")
    with open(override, "w") as f:
        f.write(OVERRIDE)
    project = "kiln-bench-" + secrets.token_hex(3)
    compose = ["docker-compose", "--no-ansi", "-p", project, "--env-file", env_file, "-f",
               os.path.join(ROOT, "docker-compose.yml"), "-f", os.path.join(ROOT, "docker-compose.offline.yml"),
               "-f", override]
    env = dict(os.environ, DOCKER_HOST=socket, COMPOSE_DOCKER_CLI_BUILD="0")
    checks = None
    if cli.endswith("podman"):
        checks = subprocess.Popen([os.path.join(ROOT, "bin", "podman-healthchecks"), "--project", project,
                                   "--while", str(os.getpid())])
    try:
        start = time.time()
        subprocess.run(compose + ["up", "-d", "--build"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        api = Api("http://127.0.0.1:%d" % port, env_vars["KILN_ADMIN_TOKEN"])
        wait_for("the orchestrator", lambda: api.call("GET", "/api/v1/health", auth=False)[0] == 200, 300)
        wait_for("a build agent", lambda: any(a["kind"] == "build" for a in api.call("GET", "/api/v1/agents")[1]))
        print("compose stack up (built from jars, base images made) and an agent joined in %.1f s"
              % (time.time() - start))
        _, work = make_repo(git, "bench", PIPELINE.replace("IMAGE", args.image))
        status, _ = api.call("POST", "/api/v1/repositories", {"url": "/srv/git/bench.git", "name": "bench",
                                                               "pollIntervalSeconds": 0, "webhookSecret": SECRET})
        assert status == 201, status
        first = []
        for i in range(args.runs + 1):
            commit = push(work, i)
            sent = send_push(api, "bench", commit, "/srv/git/bench.git", SECRET)
            run = wait_run(api, commit)
            if run["status"] != "Succeeded":
                sys.exit("run failed: %s" % json.dumps(run)[:2000])
            if i > 0:
                first.append(stamp(job_lines(api, run["id"])["a"], "FIRST") - sent)
        print("push -> first build command through the compose stack: median %.3f s (min %.3f, max %.3f, n=%d);"
              " target <= 1.5 s" % (statistics.median(first), min(first), max(first), len(first)))
    finally:
        subprocess.run(compose + ["down", "-v", "-t", "5"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if checks:
            checks.terminate()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
