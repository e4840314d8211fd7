#!/usr/bin/env python3
"""Benchmark of the reports of `dvc cert check` (issue 14 §3), printing
figures: N certificate files checked with --revocation none and written as
--format html (goal: <= 200 ms for 1000), beside --format csv and json for
comparison. `--at` is 90 days ahead so that every status appears (expired,
critical, warning and OK certificates), as in a real service firm's list.

    python3 benches/cert_report.py [N]
"""
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(argv, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0, p.returncode


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "dvc", "--example", "bench_pki"],
                   check=True, cwd=ROOT)
    dvc = os.path.join(ROOT, "target/release/dvc")
    work = tempfile.mkdtemp(prefix="dvc-bench-report-")
    env = dict(os.environ, HOME=work, XDG_CACHE_HOME=f"{work}/cache", XDG_CONFIG_HOME=f"{work}/config",
               XDG_STATE_HOME=f"{work}/state", NO_COLOR="1", DVC_LANG="vi")
    subprocess.run([os.path.join(ROOT, "target/release/examples/bench_pki"), work, str(N), "http://127.0.0.1:9"],
                   check=True, stdout=subprocess.DEVNULL)
    certs = os.path.join(work, "certs")
    ca = os.path.join(work, "ca.pem")
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ")
    figures = {}
    for fmt in ["html", "csv", "json"]:
        out = os.path.join(work, f"report.{fmt}")
        argv = [dvc, "cert", "check", certs, "--trust", ca, "--revocation", "none", "--at", at,
                "--format", fmt, "--output", out]
        timed(argv, env=env)
        runs = [timed(argv, env=env)[0] for _ in range(9)]
        figures[fmt] = (statistics.median(runs), min(runs), os.path.getsize(out))
    html, csv, js = figures["html"], figures["csv"], figures["json"]
    print(f"{N} certificates, --revocation none, --lang vi: --format html median {html[0] * 1000:.0f} ms "
          f"(min {html[1] * 1000:.0f} ms, {html[2] / 1024:.0f} KiB page; goal <= 200 ms); "
          f"csv {csv[0] * 1000:.0f} ms ({csv[2] / 1024:.0f} KiB); json {js[0] * 1000:.0f} ms (9 runs each)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
