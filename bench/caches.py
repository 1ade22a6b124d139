#!/usr/bin/env python3
"""Cold against warm cache for a dependency-heavy build. Interleaves runs, reports medians. Standard library only.

Two builds, --example shop (default) or web:
  shop: `mvn test` of a small Spring Boot service whose plugins and dependencies (Spring, TestNG, Cucumber, JaCoCo,
        Surefire: 45 MB) come from Maven Central, on java 17; the Maven repository in a keyed cache
  web:  `npm ci` then Jest of a small Node.js module whose 270 packages (25 MB) come from the npm registry, on
        nodejs 18; node_modules in a cache keyed by the lockfile's hash

  cold: an empty cache directory, so Maven downloads everything
  warm: a cache directory one earlier build filled, restored before the build

Usage: bench/caches.py [--example shop|web] [--runs N] [--certificate FILE ...]
Certificates the machine added locally (/usr/local/share/ca-certificates/*.crt), for a TLS-inspecting proxy on
the way to Maven Central, are passed to the builds unless --certificate is given.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILN = os.path.join(ROOT, "bin", "kiln")


def build(example, cache_dir, certificates):
    source = os.path.join(ROOT, "pipelines-examples", example)
    cmd = [KILN, "build", "--source", source, "--project", "bench-" + example, "--cache", cache_dir]
    for c in certificates:
        cmd += ["--certificate", c]
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("build failed (%d):\n%s" % (done.returncode, done.stdout[-3000:]))
    restored = [l for l in done.stdout.splitlines() if "Restored cache" in l]
    return elapsed, restored


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--example", choices=["shop", "web"], default="shop", help="the build (default shop)")
    parser.add_argument("--runs", type=int, default=5, help="cold and warm runs each (default 5)")
    parser.add_argument("--certificate", action="append", default=None, help="PEM file the builds trust")
    args = parser.parse_args()
    certificates = args.certificate
    if certificates is None:
        certificates = sorted(glob.glob("/usr/local/share/ca-certificates/*.crt"))
    work = tempfile.mkdtemp(prefix="kiln-bench-cache-")
    warm_dir = os.path.join(work, "warm")
    try:
        print("warming up: the runtime image, and a cache for the warm runs", file=sys.stderr)
        build(args.example, warm_dir, certificates)
        cold, warm = [], []
        for i in range(args.runs):
            cold_dir = os.path.join(work, "cold-%d" % i)
            t, restored = build(args.example, cold_dir, certificates)
            if restored:
                sys.exit("a cold run restored a cache: %s" % restored)
            cold.append(t)
            t, restored = build(args.example, warm_dir, certificates)
            if not restored:
                sys.exit("a warm run restored nothing")
            warm.append(t)
            print("run %d: cold %.2f s, warm %.2f s" % (i + 1, cold[-1], warm[-1]), file=sys.stderr)
            shutil.rmtree(cold_dir, ignore_errors=True)
        c, w = statistics.median(cold), statistics.median(warm)
        print("dependency-heavy build (pipelines-examples/%s), %d interleaved runs each, medians"
              % (args.example, args.runs))
        print("  cold cache  %6.2f s   (min %.2f, max %.2f)" % (c, min(cold), max(cold)))
        print("  warm cache  %6.2f s   (min %.2f, max %.2f)" % (w, min(warm), max(warm)))
        print("  warm/cold   %6.2fx   (target: at most 0.4x)" % (w / c))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
