#!/usr/bin/env python3
"""Benchmark: `dvc token list --json` vs `pkcs11-tool --module ... -O` on a
SoftHSM2 token holding 50 certificates (issue 4; goal: dvc <= 1x the time of
pkcs11-tool). Prints wall-time medians and their ratio.

    python3 benches/token_list.py [CERTS] [RUNS]
"""
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CERTS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def median_ms(argv, env):
    for _ in range(3):
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "dvc"], check=True, cwd=ROOT)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dvc-sandbox", "--example", "bench_pki"], check=True,
                   cwd=ROOT)
    work = tempfile.mkdtemp(prefix="dvc-bench-token-")
    os.makedirs(f"{work}/tokens")
    conf = f"{work}/softhsm2.conf"
    with open(conf, "w") as f:
        f.write(f"directories.tokendir = {work}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = dict(os.environ, SOFTHSM2_CONF=conf, HOME=work, XDG_CONFIG_HOME=f"{work}/c", XDG_STATE_HOME=f"{work}/s")
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "Bench", "--pin", "1234", "--so-pin", "5678"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(ROOT, "target/release/examples/bench_pki"), f"{work}/pki", str(CERTS), "http://127.0.0.1:9"],
                   check=True, stdout=subprocess.DEVNULL)
    for i, name in enumerate(sorted(os.listdir(f"{work}/pki/certs"))):
        pem = open(f"{work}/pki/certs/{name}").read()
        der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
        path = f"{work}/c{i}.der"
        open(path, "wb").write(der)
        subprocess.run(["pkcs11-tool", "--module", MODULE, "--token-label", "Bench", "--login", "--pin", "1234",
                        "--write-object", path, "--type", "cert", "--id", f"{i + 1:04x}", "--label", f"cert {i}"],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dvc = median_ms([os.path.join(ROOT, "target/release/dvc"), "token", "list", "--json", "--module", MODULE], env)
    tool = median_ms(["pkcs11-tool", "--module", MODULE, "-O"], env)
    print(f"token with {CERTS} certificates: dvc token list --json median {dvc:.1f} ms; "
          f"pkcs11-tool -O median {tool:.1f} ms; ratio {dvc / tool:.2f} (goal <= 1.00), {RUNS} runs each")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
