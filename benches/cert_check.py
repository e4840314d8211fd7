#!/usr/bin/env python3
"""Benchmarks of `dvc cert check` (issue 3), printing figures:

1. N certificate files, --revocation none: one `dvc cert check` vs a shell
   loop of `openssl x509 -checkend` over the same files (goal: <= 100 ms,
   >= 300x the loop).
2. N certificates with OCSP against a local `openssl ocsp` responder
   (-multi 4) vs a sequential loop of `openssl ocsp` requests (goal >= 10x).
3. A CRL with 500,000 entries: parse and look up 1000 serials (goal
   <= 500 ms, peak RSS <= 4x the CRL's size), by examples/bench_crl.rs.

The certificates are written by sandbox/examples/bench_pki.rs (the
sandbox's PKI builder).

    python3 benches/cert_check.py [N]
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(argv, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0, p.returncode


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "dvc", "--example", "bench_crl"], check=True,
                   cwd=ROOT)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dvc-sandbox", "--example", "bench_pki"],
                   check=True, cwd=ROOT)
    dvc = os.path.join(ROOT, "target/release/dvc")
    work = tempfile.mkdtemp(prefix="dvc-bench-cert-")
    env = dict(os.environ, HOME=work, XDG_CACHE_HOME=f"{work}/cache", XDG_CONFIG_HOME=f"{work}/config",
               XDG_STATE_HOME=f"{work}/state", NO_COLOR="1")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    subprocess.run([os.path.join(ROOT, "target/release/examples/bench_pki"), work, str(N), url], check=True,
                   stdout=subprocess.DEVNULL)
    certs = os.path.join(work, "certs")
    files = sorted(os.path.join(certs, f) for f in os.listdir(certs))
    ca = os.path.join(work, "ca.pem")

    # 1. Expiry and chain, no revocation.
    argv = [dvc, "cert", "check", certs, "--trust", ca, "--revocation", "none", "--format", "json"]
    timed(argv, env=env)
    runs = [timed(argv, env=env)[0] for _ in range(7)]
    dvc_none = statistics.median(runs)
    loop = "for f in \"$@\"; do openssl x509 -checkend 0 -noout -in \"$f\" >/dev/null || true; done"
    t_loop, _ = timed(["bash", "-c", loop, "loop"] + files)
    print(f"{N} files, --revocation none: dvc cert check median {dvc_none * 1000:.0f} ms (7 runs); "
          f"openssl x509 -checkend loop {t_loop * 1000:.0f} ms; ratio {t_loop / dvc_none:.0f}x "
          f"(goals: <= 100 ms, >= 300x)")

    # 2. OCSP against OpenSSL's responder.
    resp = subprocess.Popen(["openssl", "ocsp", "-index", "index.txt", "-port", str(port), "-rsigner", "ca.pem",
                             "-rkey", "ca.key", "-CA", "ca.pem", "-nmin", "60", "-multi", "4", "-ignore_err"],
                            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()

    def drain():
        for line in resp.stdout:
            if "ACCEPT" in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    if not ready.wait(10):
        sys.exit("openssl ocsp did not start")
    time.sleep(0.3)
    try:
        argv = [dvc, "cert", "check", certs, "--trust", ca, "--revocation", "ocsp", "--jobs", "8", "--format", "json"]
        t_dvc, rc = timed(argv, env=env)
        out = subprocess.run(argv, env=env, capture_output=True, text=True).stdout
        good = out.count('"status": "good"')
        t_dvc = min(t_dvc, timed(argv, env=env)[0])
        seq = ("for f in \"$@\"; do openssl ocsp -issuer " + ca + " -cert \"$f\" -url " + url +
               " -noverify >/dev/null 2>&1; done")
        t_seq, _ = timed(["bash", "-c", seq, "seq"] + files)
        print(f"{N} certificates with OCSP (openssl ocsp -multi 4): dvc cert check --jobs 8 {t_dvc * 1000:.0f} ms "
              f"({good} good); sequential openssl ocsp loop {t_seq * 1000:.0f} ms; ratio {t_seq / t_dvc:.1f}x "
              f"(goal >= 10x)")
    finally:
        # -multi forks workers: end them, then their parent.
        subprocess.run(["pkill", "-TERM", "-P", str(resp.pid)])
        resp.terminate()
        resp.wait(timeout=10)

    # 3. A large CRL.
    out = subprocess.run([os.path.join(ROOT, "target/release/examples/bench_crl"), "500000"], capture_output=True,
                         text=True, check=True).stdout.strip()
    print(out)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
