#!/usr/bin/env python3
"""Kiln at scale on one machine: build agents in network namespaces (each its own address on a bridge, as other
hosts), a `kiln server` and a `kiln object-store` on the bridge's address, PostgreSQL embedded. Standard library
only; needs root (ip netns) and a container engine.

  (0) the orchestrator's RSS and CPU with --queued runs queued and no agent to take them (10 s sample).
  (1) --builds runs of a one-command pipeline started at once, on N agents for each N in --agents: wall time and
      rate; against the same one-command container run bare (`podman run --rm`, N at a time).
      With --cpu-share S (cgroup v1 or v2, Podman), each agent is a machine of S cores: a cgroup capped at S holds
      the agent, an engine of its own (`podman system service` on its own socket, the same image store) and, through
      `kiln agent build --cgroup-parent`, its build containers; each bare worker is capped the same way.

Usage: bench/scale.py [--builds 200] [--agents 1,2,4] [--queued 100] [--image kiln-test/busybox:1]
                      [--cpu-share 0.5]
"""
import argparse
import concurrent.futures
import os
import queue
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from orchestrator import Api, free_port, make_repo, rss_kb  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "cli", "target", "kiln.jar")
JAVA = ["java", "-XX:+UseSerialGC", "-Xss1m", "-jar", JAR]

ONE_COMMAND = """version: 1
execution-mode: PARALLEL
stages:
  - name: build
    actions:
      - name: one
        type: build
        image: IMAGE
        buildspec:
          version: 0.2
          phases:
            build:
              commands:
                - echo hello
"""


def sh(*args, **kw):
    return subprocess.run(list(args), check=True, **kw)


def ensure_image(cli, image):
    if subprocess.run([cli, "image", "exists" if cli.endswith("podman") else "inspect", image],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        return
    root = tempfile.mkdtemp()
    os.makedirs(os.path.join(root, "bin"))
    shutil.copy("/bin/busybox", os.path.join(root, "bin", "busybox"))
    for applet in ("sh", "echo", "cat", "ls", "sleep", "date"):
        os.symlink("busybox", os.path.join(root, "bin", applet))
    tar = subprocess.Popen(["tar", "-C", root, "-c", "."], stdout=subprocess.PIPE)
    sh(cli, "import", "-", image, stdin=tar.stdout, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)


class Hosts:
    """A bridge and namespaces on it: the namespaces are the agents' machines."""

    def __init__(self, count):
        self.tag = secrets.token_hex(2)
        self.subnet = "10.232.%d" % (secrets.randbelow(240) + 5)
        self.names = []
        sh("ip", "link", "add", "kbr" + self.tag, "type", "bridge")
        sh("ip", "addr", "add", self.host + "/24", "dev", "kbr" + self.tag)
        sh("ip", "link", "set", "kbr" + self.tag, "up")
        for i in range(1, count + 1):
            ns, out, inside = "kiln-%s-%d" % (self.tag, i), "kv%s%dh" % (self.tag, i), "kv%s%dn" % (self.tag, i)
            sh("ip", "netns", "add", ns)
            self.names.append(ns)
            sh("ip", "link", "add", out, "type", "veth", "peer", "name", inside)
            sh("ip", "link", "set", out, "master", "kbr" + self.tag, "up")
            sh("ip", "link", "set", inside, "netns", ns)
            sh("ip", "-n", ns, "addr", "add", "%s.%d/24" % (self.subnet, i + 1), "dev", inside)
            sh("ip", "-n", ns, "link", "set", inside, "up")
            sh("ip", "-n", ns, "link", "set", "lo", "up")

    @property
    def host(self):
        return self.subnet + ".1"

    def close(self):
        for ns in self.names:
            subprocess.run(["ip", "netns", "delete", ns], stderr=subprocess.DEVNULL)
        subprocess.run(["ip", "link", "delete", "kbr" + self.tag], stderr=subprocess.DEVNULL)


class Machines:
    """One CPU-capped cgroup per agent: the agent, its own engine and its containers run in it."""

    def __init__(self, base, tag, count, share, cli):
        self.share, self.cli, self.procs = share, cli, []
        self.v2 = os.path.isfile("/sys/fs/cgroup/cgroup.controllers")
        self.names = ["kiln-bench-%s-%d" % (tag, i) for i in range(count)]
        self.sockets = [os.path.join(base, "engine-%d.sock" % i) for i in range(count)]
        for i, name in enumerate(self.names):
            path = self.dir(name)
            os.makedirs(path, exist_ok=True)
            period = 100000
            if self.v2:
                with open(os.path.join(path, "cpu.max"), "w") as f:
                    f.write("%d %d" % (int(share * period), period))
            else:
                with open(os.path.join(path, "cpu.cfs_period_us"), "w") as f:
                    f.write(str(period))
                with open(os.path.join(path, "cpu.cfs_quota_us"), "w") as f:
                    f.write(str(int(share * period)))
            log = open(os.path.join(base, "engine-%d.log" % i), "w")
            self.procs.append(subprocess.Popen(
                self.inside(i, [cli, "system", "service", "--time=0", "unix://" + self.sockets[i]]),
                cwd="/", stdout=log, stderr=log))
        for sock in self.sockets:
            wait_for("an agent's engine", lambda: os.path.exists(sock), 60)

    def dir(self, name):
        return os.path.join("/sys/fs/cgroup" if self.v2 else "/sys/fs/cgroup/cpu", name)

    def parent(self, i):
        """The cgroup parent of machine i's containers, as the engine names it (cgroupfs)."""
        return "/" + self.names[i]

    def inside(self, i, command):
        """The command, run in machine i's cgroup (the shell moves itself there, then becomes the command)."""
        procs = os.path.join(self.dir(self.names[i]), "cgroup.procs")
        return ["sh", "-c", 'echo $$ > "$0" && exec "$@"', procs] + command

    def close(self):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        roots = ["/sys/fs/cgroup"] if self.v2 else [os.path.join("/sys/fs/cgroup", c) for c in os.listdir(
            "/sys/fs/cgroup") if not os.path.islink(os.path.join("/sys/fs/cgroup", c))]
        for root in roots:
            for name in self.names:
                for d, _, _ in sorted(os.walk(os.path.join(root, name)), key=lambda w: -len(w[0])):
                    try:
                        os.rmdir(d)
                    except OSError:
                        pass


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(what, probe, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = probe()
        except OSError:
            value = None  # not answering yet
        if value:
            return value
        time.sleep(0.2)
    sys.exit("timed out waiting for " + what)


def queued(api):
    """The queue depth the orchestrator's /metrics gives."""
    req = urllib.request.Request(api.url + "/metrics", headers={"Authorization": "Bearer " + api.token})
    with urllib.request.urlopen(req, timeout=30) as r:
        for line in r.read().decode().splitlines():
            if line.startswith('kiln_jobs{kind="build",state="Queued"}'):
                return float(line.split()[-1])
    return 0.0


def start_runs(api, pipeline, count):
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        return list(pool.map(lambda _: api.call("POST", "/api/v1/runs", {"pipeline": pipeline})[1]["id"],
                             range(count)))


def wait_runs(api, pipeline, ids, timeout=1800):
    wanted = set(ids)

    def ended():
        _, runs = api.call("GET", "/api/v1/runs?pipeline=%s&limit=%d" % (pipeline, len(ids) + 50))
        done = [r for r in runs if r["id"] in wanted and r["endTime"]]
        for r in done:
            if r["status"] != "Succeeded":
                sys.exit("a run failed: %s" % r)
        return len(done) == len(wanted)
    wait_for("%d runs of %s" % (len(ids), pipeline), ended, timeout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--builds", type=int, default=200)
    ap.add_argument("--agents", default="1,2,4")
    ap.add_argument("--queued", type=int, default=100)
    ap.add_argument("--image", default="kiln-test/busybox:1")
    ap.add_argument("--cpu-share", type=float, default=0.0,
                    help="cores for each agent and each bare worker, with its own engine (default: none, one engine)")
    args = ap.parse_args()
    counts = [int(n) for n in args.agents.split(",")]
    if os.geteuid() != 0:
        sys.exit("scale.py: run as root (it makes network namespaces)")
    if not os.path.isfile(JAR):
        sys.exit("scale.py: build Kiln first: ./mvnw -B -q package -DskipTests -pl cli -am")
    cli = shutil.which("podman") or shutil.which("docker")
    ensure_image(cli, args.image)
    base = tempfile.mkdtemp(prefix="kiln-scale-")
    hosts = Hosts(max(counts))
    procs = []
    machines = None
    try:
        if args.cpu_share > 0:
            machines = Machines(base, hosts.tag, max(counts), args.cpu_share, cli)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="kiln-bench", AWS_SECRET_ACCESS_KEY=secrets.token_hex(20),
                   KILN_ADMIN_TOKEN=secrets.token_hex(24), KILN_AGENT_TOKEN=secrets.token_hex(24),
                   KILN_HOME=os.path.join(base, "home"))
        s3_port, api_port = free_port(), free_port()
        log = open(os.path.join(base, "stack.log"), "w")
        procs.append(subprocess.Popen(JAVA + ["object-store", "--host", hosts.host, "--port", str(s3_port),
                                              "--data", os.path.join(base, "objects")], env=env, stdout=log,
                                      stderr=log))
        server = subprocess.Popen(JAVA + ["server", "--host", hosts.host, "--port", str(api_port), "--data",
                                          os.path.join(base, "data"), "--poll-interval", "0", "--s3",
                                          "http://%s:%d/kiln" % (hosts.host, s3_port)], env=env, stdout=log,
                                  stderr=log)
        procs.append(server)
        api = Api("http://%s:%d" % (hosts.host, api_port), env["KILN_ADMIN_TOKEN"])
        wait_for("the orchestrator", lambda: api.call("GET", "/api/v1/health", auth=False)[0] == 200)
        bare, _ = make_repo(base, "one", ONE_COMMAND.replace("IMAGE", args.image))
        api.call("POST", "/api/v1/repositories", {"url": bare, "name": "one", "pollIntervalSeconds": 0})
        print("Kiln at scale: %s, %d cores, engine %s, image %s, %s" % (
            time.strftime("%Y-%m-%d"), os.cpu_count(), os.path.basename(cli), args.image,
            "each agent and bare worker capped at %.2f core with an engine of its own" % args.cpu_share
            if machines else "agents share the host's engine and cores"))

        idle_rss = rss_kb(server.pid)
        ids = start_runs(api, "one", args.queued)
        wait_for("%d queued jobs" % args.queued, lambda: queued(api) >= args.queued)
        c0, t0 = cpu_seconds(server.pid), time.time()
        time.sleep(10)
        cpu = (cpu_seconds(server.pid) - c0) / (time.time() - t0) * 100
        print("(0) %d runs queued, no agent: orchestrator RSS %d MiB (idle %d MiB), CPU %.1f%% of a core over 10 s"
              % (args.queued, rss_kb(server.pid) // 1024, idle_rss // 1024, cpu))
        for run in ids:
            api.call("POST", "/api/v1/runs/%s/stop" % run, {"abandon": True, "reason": "bench: queue measured"})

        rates = {}
        print("(1) %d one-command builds started at once" % args.builds)
        print("    agents | Kiln wall | builds/s | x first | target | bare wall, N at a time | Kiln/bare")
        for n in counts:
            agents = []
            for i in range(n):
                agent_log = open(os.path.join(base, "agent-%d-%d.log" % (n, i)), "w")
                agent_env = dict(env, KILN_TOKEN=env["KILN_AGENT_TOKEN"])
                command = (["ip", "netns", "exec", hosts.names[i]] + JAVA[:1] + ["-XX:TieredStopAtLevel=1"]
                           + JAVA[1:] + ["agent", "build", "--server", api.url, "--backend", "docker", "--name",
                                         "bench-%d-%d" % (n, i)])
                if machines:
                    agent_env["DOCKER_HOST"] = "unix://" + machines.sockets[i]
                    command = machines.inside(i, command + ["--cgroup-parent", machines.parent(i)])
                agents.append(subprocess.Popen(command, env=agent_env, stdout=agent_log, stderr=agent_log))
                procs.append(agents[-1])  # stopped at the end even when a run fails
            wait_for("%d agents" % n, lambda: len([a for a in api.call("GET", "/api/v1/agents")[1]
                                                   if a["name"].startswith("bench-%d-" % n)]) == n)
            start = time.time()
            wait_runs(api, "one", start_runs(api, "one", args.builds))
            wall = time.time() - start
            rates[n] = args.builds / wall
            for a in agents:
                a.terminate()
            for a in agents:
                a.wait(60)
            start = time.time()
            workers = queue.Queue()
            for i in range(n):
                workers.put(i)

            def bare(_):
                i = workers.get()  # each thread is one worker, on its own machine when capped
                try:
                    run = [cli, "run", "--rm", args.image, "sh", "-c", "echo hello"]
                    if machines:
                        run = machines.inside(i, [cli, "--url", "unix://" + machines.sockets[i], "run", "--rm",
                                                  "--cgroup-parent", machines.parent(i), args.image, "sh", "-c",
                                                  "echo hello"])
                    sh(*run, stdout=subprocess.DEVNULL)
                finally:
                    workers.put(i)
            with concurrent.futures.ThreadPoolExecutor(n) as pool:
                list(pool.map(bare, range(args.builds)))
            bare_wall = time.time() - start
            scale = rates[n] / rates[counts[0]]
            target = 0.8 * n / counts[0]
            print("    %6d | %7.1f s | %8.2f | %6.2fx | %5.2fx | %20.1f s | %8.2fx"
                  % (n, wall, rates[n], scale, target, bare_wall, wall / bare_wall))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        if machines:
            machines.close()
        hosts.close()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
