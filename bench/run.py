#!/usr/bin/env python3
"""Kiln's build-overhead benchmark. Interleaves runs, reports medians. Standard library only.

  (a) `kiln build` of a one-command build  vs  `podman run --rm IMAGE sh -c CMD`
  (b) `kiln build` of a 40-command build   vs  one container running the same 40 commands in one shell

Usage: bench/run.py [--runs N] [--image IMAGE] [--engine-cli podman|docker]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILN = os.path.join(ROOT, "bin", "kiln")


def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("benchmark command failed (%d): %s\n%s" % (done.returncode, " ".join(cmd), done.stderr[-2000:]))
    return elapsed


def kiln_containers(cli):
    out = subprocess.run([cli, "ps", "-a", "-q", "--filter", "label=kiln.role=build"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return out.split()


def settle(cli, started):
    """Waits (untimed for the comparison) until no Kiln build container is left, so the engine's removal of the
    last build never overlaps the next measurement. Returns the seconds from `started` until it was gone."""
    for _ in range(300):
        if not kiln_containers(cli):
            return time.perf_counter() - started
        time.sleep(0.005)
    sys.exit("a Kiln build container was not removed within seconds")


def source_with(commands):
    src = tempfile.mkdtemp(prefix="kiln-bench-")
    with open(os.path.join(src, "buildspec.yml"), "w") as f:
        f.write("version: 0.2\nphases:\n  build:\n    commands:\n")
        for c in commands:
            f.write("      - %s\n" % c)
    return src


def compare(label, runs, first, second, cli):
    """Runs first (kiln) and second (raw) alternately `runs` times each, after one warm-up of each.
    Returns the medians of kiln, of kiln until its container was removed, and of raw."""
    timed(first)
    settle(cli, time.perf_counter())
    timed(second)
    a, gone, b = [], [], []
    for i in range(runs):
        start = time.perf_counter()
        a.append(timed(first))
        gone.append(settle(cli, start))
        b.append(timed(second))
        print("  %s run %2d: kiln %.3f s (container gone at %.3f s), raw %.3f s"
              % (label, i + 1, a[-1], gone[-1], b[-1]), file=sys.stderr)
    return statistics.median(a), statistics.median(gone), statistics.median(b)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each command (default 15)")
    parser.add_argument("--image", default="kiln/standard:1", help="image for both sides (default kiln/standard:1)")
    parser.add_argument("--engine-cli", default="podman", help="CLI for the raw side (default podman)")
    args = parser.parse_args()
    if args.runs < 10:
        sys.exit("--runs must be at least 10")
    if not shutil.which(args.engine_cli):
        sys.exit("%s is not installed" % args.engine_cli)

    one = ["echo hello"]
    forty = ["echo step %d" % i for i in range(1, 41)]
    src1, src40 = source_with(one), source_with(forty)
    art = tempfile.mkdtemp(prefix="kiln-bench-artifacts-")
    kiln = lambda src: [KILN, "build", "--source", src, "--image", args.image, "--artifacts", art,
                        "--project", "bench", "--output", "json"]
    raw = lambda cmds: [args.engine_cli, "run", "--rm", args.image, "sh", "-c", "; ".join(cmds)]

    print("(a) one command, %d interleaved runs each" % args.runs, file=sys.stderr)
    k1, g1, r1 = compare("(a)", args.runs, kiln(src1), raw(one), args.engine_cli)
    print("(b) forty commands, %d interleaved runs each" % args.runs, file=sys.stderr)
    k40, g40, r40 = compare("(b)", args.runs, kiln(src40), raw(forty), args.engine_cli)

    fixed = k1 - r1
    per_command_total = (k40 - r40) / 40
    per_command_marginal = ((k40 - r40) - fixed) / 39
    print("image: %s, runs: %d each, engine CLI: %s" % (args.image, args.runs, args.engine_cli))
    print("(a) kiln build, 1 command:  median %.3f s" % k1)
    print("    %s run --rm:       median %.3f s" % (args.engine_cli, r1))
    print("    ratio: %.2fx (target <= 2.0x)" % (k1 / r1))
    print("    until the engine had removed kiln's container: median %.3f s, ratio %.2fx" % (g1, g1 / r1))
    print("(b) kiln build, 40 commands: median %.3f s" % k40)
    print("    one shell, 40 commands:  median %.3f s" % r40)
    print("    until the engine had removed kiln's container: median %.3f s" % g40)
    print("    overhead per command, all of kiln's extra time / 40: %.1f ms" % (per_command_total * 1000))
    print("    overhead per command, beyond the one-command build:  %.1f ms (target <= 10 ms)"
          % (per_command_marginal * 1000))


if __name__ == "__main__":
    main()
