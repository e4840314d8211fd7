#!/usr/bin/env python3
"""Benchmark (issue 5): how long `dvc-sandbox serve` takes to print its
ISSUER line, on first start (keys, CA and accounts are made) and on later
starts with the data present (goal: under 200 ms).

    python3 benches/sandbox_start.py [RUNS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start(binary, data):
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "serve", "--port", "0", "--data", data], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    took = time.perf_counter() - t0
    p.terminate()
    p.wait()
    assert line.startswith("ISSUER="), line
    return took


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dvc-sandbox", "--bin", "dvc-sandbox"], check=True,
                   cwd=ROOT)
    binary = os.path.join(ROOT, "target/release/dvc-sandbox")
    work = tempfile.mkdtemp(prefix="dvc-bench-sandbox-")
    data = os.path.join(work, "data")
    first = start(binary, data)
    later = [start(binary, data) for _ in range(RUNS)]
    print(f"first start (keys, CA, accounts made): {first * 1000:.0f} ms; later starts to the ISSUER line: "
          f"median {statistics.median(later) * 1000:.1f} ms, max {max(later) * 1000:.1f} ms ({RUNS} runs; goal < 200 ms)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
