#!/usr/bin/env python3
"""Kiln's deploy benchmark: a 50 MB revision to 3 real OpenSSH servers on loopback (each with its own host key and
home folder), OneAtATime and AllAtOnce, against raw `scp` + `ssh` of the same file and the same host commands.

  Kiln:     `kiln deploy --revision r.zip --ssh H1 H2 H3 --config C`: zip -> tar.gz once, every host connected at
            once, upload once per host over SSHJ (unpacked as it arrives), sha256 checked on the host, release moved
            into place, `current` switched. Timed as the deployer (what a running deploy agent spends: bundle,
            connect, hosts; the command prints it) and as the whole command (plus the JVM's start, ~0.7 s).
  Baseline: per host `scp bundle.tar.gz` then one `ssh` running sha256sum, mkdir, tar -xzf, ln -sfn, mv -T:
            hosts one after another (OneAtATime) or all at once (AllAtOnce).
  Warm:     the same deployer in one JVM over --runs new revisions (bench/DeployBench.java), as a running
            deploy agent deploys them: its first, JIT-cold revision is not counted.
Medians over --runs, interleaved (Kiln, then baseline, per revision). Standard library only; needs /usr/sbin/sshd, ssh, scp, ssh-keygen.

Usage: bench/deploy.py [--runs 5] [--size-mb 50]
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILN = os.path.join(ROOT, "bin", "kiln")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sshd(d, public_key):
    os.makedirs(os.path.join(d, "home"), exist_ok=True)
    os.makedirs("/run/sshd", exist_ok=True)
    key = os.path.join(d, "host_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    with open(os.path.join(d, "authorized_keys"), "w") as f:
        f.write(public_key)
    port = free_port()
    config = os.path.join(d, "sshd_config")
    with open(config, "w") as f:
        f.write("\n".join([
            f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {key}", f"PidFile {d}/sshd.pid",
            f"AuthorizedKeysFile {d}/authorized_keys", "UsePAM no", "StrictModes no", "PasswordAuthentication no",
            "PermitRootLogin prohibit-password", "MaxSessions 64", "MaxStartups 64", "Subsystem sftp internal-sftp",
            f"SetEnv HOME={d}/home", ""]))
    proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config], stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            break
        except OSError:
            time.sleep(0.02)
    with open(key + ".pub") as f:
        kind, blob = f.read().split()[:2]
    return proc, port, f"[127.0.0.1]:{port} {kind} {blob}\n", os.path.join(d, "home")


def make_revision(path, size_mb, marker):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("REVISION", marker + "\n")
        random_mb = size_mb * 9 // 10
        for i in range(10):
            z.writestr(f"assets/blob{i}.bin", os.urandom(random_mb * 1024 * 1024 // 10))
        text = ("".join(f"line {n} of a text file that compresses well\n" for n in range(2000))).encode()
        count = 0
        while count * len(text) < (size_mb - random_mb) * 1024 * 1024:
            z.writestr(f"src/file{count}.txt", text)
            count += 1


def kiln(args):
    start = time.monotonic()
    out = subprocess.run([KILN, "deploy", *args, "--output", "json"], capture_output=True, text=True)
    wall = time.monotonic() - start
    if out.returncode != 0:
        raise SystemExit("kiln deploy failed:\n" + out.stderr[-3000:])
    report = json.loads(out.stdout)
    timing = re.search(r"bundled in ([0-9.]+) s, deployed in ([0-9.]+) s", out.stderr)
    return wall, float(timing.group(1)) + float(timing.group(2)), report


def classpath():
    target = os.path.join(ROOT, "cli", "target")
    libs = sorted(os.path.join(target, "lib", f) for f in os.listdir(os.path.join(target, "lib")))
    return ":".join(libs + [os.path.join(target, "kiln.jar")])


def warm(config, key, known, hosts, zips):
    """Kiln's deployer in one JVM (as a deploy agent runs it): seconds per revision, the first one dropped."""
    out = subprocess.run(["java", "-XX:+UseSerialGC", "-cp", classpath(),
                          os.path.join(ROOT, "bench", "DeployBench.java"), config, key, known, ",".join(hosts),
                          *zips], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("DeployBench failed:\n" + out.stderr[-3000:])
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return [r["bundle_s"] + r["deploy_s"] for r in rows[1:]]


def baseline(bundle, hosts, key, known, parallel, n):
    ssh_opts = ["-i", key, "-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes"]
    sha = subprocess.run(["sha256sum", bundle], capture_output=True, text=True, check=True).stdout.split()[0]

    def one(host):
        port, home = host
        rel = f"base-{n}"
        target = f"{home}/bundle-{n}.tar.gz"
        subprocess.run(["scp", "-q", "-P", str(port), *ssh_opts, bundle, f"root@127.0.0.1:{target}"], check=True)
        script = (f"set -e; R=$HOME/baseline; mkdir -p $R/releases/{rel}; cd $HOME; "
                  f"echo '{sha}  bundle-{n}.tar.gz' | sha256sum -c --quiet; "
                  f"tar -xzf bundle-{n}.tar.gz -C $R/releases/{rel}; rm bundle-{n}.tar.gz; "
                  f"ln -sfn releases/{rel} $R/current.new; mv -T $R/current.new $R/current")
        subprocess.run(["ssh", "-p", str(port), *ssh_opts, "root@127.0.0.1", script], check=True)

    start = time.monotonic()
    if parallel:
        with concurrent.futures.ThreadPoolExecutor(len(hosts)) as pool:
            list(pool.map(one, hosts))
    else:
        for port in hosts:
            one(port)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size-mb", type=int, default=50)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="kiln-bench-deploy-")
    procs = []
    try:
        key = os.path.join(work, "id_ed25519")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
        with open(key + ".pub") as f:
            public = f.read()
        known = os.path.join(work, "known_hosts")
        ports = []
        homes = []
        with open(known, "w") as kh:
            for i in range(3):
                proc, port, line, home = start_sshd(os.path.join(work, f"host{i + 1}"), public)
                procs.append(proc)
                ports.append(port)
                homes.append(home)
                kh.write(line)
        revision = os.path.join(work, "revision.zip")
        bundle = os.path.join(work, "bundle.tar.gz")

        def new_revision(marker):
            """A new revision each time (hosts would reuse a release they keep), and the same tar.gz for scp."""
            make_revision(revision, args.size_mb, marker)
            unpacked = os.path.join(work, "unpacked")
            shutil.rmtree(unpacked, ignore_errors=True)
            with zipfile.ZipFile(revision) as z:
                z.extractall(unpacked)
            subprocess.run(f"tar -C {unpacked} -cf - . | gzip -1 > {bundle}", shell=True, check=True)

        new_revision("warm-up")
        print(f"revision: {os.path.getsize(revision) / 1e6:.1f} MB zip, {os.path.getsize(bundle) / 1e6:.1f} MB"
              f" tar.gz; hosts on ports {ports}", flush=True)
        hosts = [f"root@127.0.0.1:{p}" for p in ports]
        common = ["--revision", revision, "--ssh", *hosts, "--key", key, "--known-hosts", known, "--keep", "2"]
        kiln(common + ["--id", "warm-up"])  # builds the launcher's class-data archive once
        for config in ["OneAtATime", "AllAtOnce"]:
            walls, cold, bases, zips = [], [], [], []
            for n in range(args.runs):
                new_revision(f"{config}-{n}")
                wall, own, _report = kiln(common + ["--config", config, "--id", f"d-{config}-{n}"])
                walls.append(wall)
                cold.append(own)
                bases.append(baseline(bundle, list(zip(ports, homes)), key, known, config == "AllAtOnce",
                                      f"{config}-{n}"))
                kept = os.path.join(work, f"warm-{config}-{n}.zip")
                shutil.copy(revision, kept)
                zips.append(kept)
            # one more revision first: it warms the JVM up and is not counted
            new_revision(f"{config}-warm-up")
            shutil.copy(revision, os.path.join(work, f"warm-{config}-x.zip"))
            warmed = warm(config, key, known, hosts, [os.path.join(work, f"warm-{config}-x.zip")] + zips)
            b = statistics.median(bases)
            w, c, h = statistics.median(walls), statistics.median(cold), statistics.median(warmed)
            print(f"{config}: scp+ssh {b:.2f} s | Kiln's deployer in a running agent {h:.2f} s = {h / b:.2f}x"
                  f" | `kiln deploy` command: deployer {c:.2f} s = {c / b:.2f}x, with JVM start {w:.2f} s ="
                  f" {w / b:.2f}x", flush=True)
    finally:
        for p in procs:
            p.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
