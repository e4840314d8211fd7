#!/usr/bin/env python3
"""Benchmark: wall time and peak RSS of `dvc session token` with a stored,
valid session (file backend), against `gh auth token` when gh is installed.

    python3 benches/session_token.py [RUNS]

Goals (issue 2): median <= 7 ms, <= 1/10 of gh's, peak RSS <= 8 MiB.
Prints the figures; never fails on them.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def measure(argv, env, runs):
    times = []
    for _ in range(5):  # warm the page cache
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            sys.exit(f"{argv} exited {p.returncode}")
    return statistics.median(times) * 1000, min(times) * 1000


def peak_rss_kib(argv, env):
    """Peak RSS of one run, in KiB. GNU time (a small C parent) reports only
    the program's own pages; Python's fork-before-exec would add its own."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if os.path.exists(gnu_time):
        out = subprocess.run([gnu_time, "-f", "%M"] + argv, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        return max(int(x) for x in out.stderr.split() if x.isdigit())
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code] + argv, env=env, capture_output=True, text=True)
    return int(out.stdout.strip())


def main():
    run(["cargo", "build", "--release", "--quiet", "--bin", "dvc", "--example", "seed_session"])
    dvc = os.path.join(ROOT, "target", "release", "dvc")
    seed = os.path.join(ROOT, "target", "release", "examples", "seed_session")
    home = tempfile.mkdtemp(prefix="dvc-bench-")
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_STATE_HOME=f"{home}/state",
               XDG_CACHE_HOME=f"{home}/cache")
    for k in ("DVC_TOKEN", "DVC_PROFILE", "DVC_CONFIG"):
        env.pop(k, None)
    subprocess.run([seed, f"{home}/state/dvc", "default", "file"], check=True, stdout=subprocess.DEVNULL)
    argv = [dvc, "session", "token"]
    med, best = measure(argv, env, RUNS)
    rss = peak_rss_kib(argv, env)
    print(f"dvc session token   median {med:.2f} ms   min {best:.2f} ms   peak RSS {rss / 1024:.1f} MiB   ({RUNS} runs)")
    gh = shutil.which("gh")
    if gh:
        genv = dict(env, GH_TOKEN="gho_benchmark_dummy_token", GH_NO_UPDATE_NOTIFIER="1", GH_CONFIG_DIR=f"{home}/gh")
        gmed, gbest = measure([gh, "auth", "token"], genv, max(RUNS // 3, 30))
        grss = peak_rss_kib([gh, "auth", "token"], genv)
        print(f"gh auth token       median {gmed:.2f} ms   min {gbest:.2f} ms   peak RSS {grss / 1024:.1f} MiB")
        print(f"ratio dvc/gh        {med / gmed:.3f}  (goal <= 0.100)")
    else:
        print("gh is not installed: no comparison (apt-get install gh)")
    print(f"goals: median <= 7 ms: {'met' if med <= 7 else 'NOT met'}; peak RSS <= 8 MiB: {'met' if rss <= 8 * 1024 else 'NOT met'}")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
