#!/usr/bin/env python3
"""Two builds' `check` and `lint` side by side on one registry: every round runs each command once with each
build, the order alternating, so a busy spell of the shared machine falls on both. Prints, per command, the
median wall time of each build and their ratio, and the mean CPU time (children's user + system) of each,
counted in clock ticks (10 ms): meaningful for `lint`, not for one lookup.
Usage: lookup-ab.py OTHER_BINARY THIS_BINARY REGISTRY [ROUNDS]"""
import os
import statistics
import subprocess
import sys
import time

other, this, registry = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 200
commands = {"check by id": ["check", "synth-00042"], "check by name": ["check", "Synth 42"], "lint": ["lint"]}
times = {(name, build): [] for name in commands for build in ("other", "this")}
for i in range(rounds):
    builds = [("other", other), ("this", this)] if i % 2 == 0 else [("this", this), ("other", other)]
    for name, args in commands.items():
        for build, binary in builds:
            before, start = os.times(), time.perf_counter()
            subprocess.run([binary, *args, "--registry", registry], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall, after = (time.perf_counter() - start) * 1000, os.times()
            cpu = (after.children_user - before.children_user + after.children_system - before.children_system) * 1000
            times[(name, build)].append((wall, cpu))
for name in commands:
    o, t = times[(name, "other")], times[(name, "this")]
    ow, tw = statistics.median(w for w, _ in o), statistics.median(w for w, _ in t)
    oc, tc = statistics.mean(c for _, c in o), statistics.mean(c for _, c in t)
    print(f"{name}: median wall {ow:.2f} ms (other) / {tw:.2f} ms (this) = {tw / ow:.3f}x; mean CPU {oc:.2f} / {tc:.2f} ms = {tc / oc:.3f}x")
