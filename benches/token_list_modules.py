#!/usr/bin/env python3
"""Benchmark (issue 14): `dvc token list --json` across two PKCS#11 modules
with 3 tokens x 20 certificates each, against `pkcs11-tool -O` run once per
module, the issue's baseline. The second module is a copy of SoftHSM2's
library under another vendor's name (a second real path: the library is
loaded twice and each copy lists the 3 tokens; dvc lists each token once).
OpenSC's module is loaded too, as on a real desk: it lists no token without
a reader. `pkcs11-tool -O` lists the objects of one token (the first) per
run, so the per-module baseline does less work than dvc; the figure of
`pkcs11-tool -O` once per token and module (all 6 listings) is printed
beside it for comparison. Also times loading the modules in parallel
(dvc's way) against one after the other (DVC_PKCS11_SEQUENTIAL=1, a knob
kept for this measurement). Prints medians and the ratio (goal: dvc <= 1x).

kryoptic (a Rust PKCS#11 token from crates.io) would be a second
implementation, but it needs OpenSSL 3.2 or later and Debian 12 has 3.0: it
does not build here.

    python3 benches/token_list_modules.py [RUNS]
"""
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
OPENSC = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
TOKENS, CERTS = 3, 20


def median_ms(argvs, env):
    def once():
        for argv in argvs:
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(3):
        once()
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        once()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "dvc"], check=True, cwd=ROOT)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dvc-sandbox", "--example", "bench_pki"], check=True,
                   cwd=ROOT)
    work = tempfile.mkdtemp(prefix="dvc-bench-modules-")
    os.makedirs(f"{work}/tokens")
    os.makedirs(f"{work}/mods")
    os.symlink(SOFTHSM, f"{work}/mods/libeTPkcs11.so")
    # A copy, not a link: a second real path, a second module.
    shutil.copy(os.path.realpath(SOFTHSM), f"{work}/mods/libbit4xpki.so")
    os.symlink(OPENSC, f"{work}/mods/opensc-pkcs11.so")
    modules = [f"{work}/mods/libeTPkcs11.so", f"{work}/mods/libbit4xpki.so", OPENSC]
    conf = f"{work}/softhsm2.conf"
    with open(conf, "w") as f:
        f.write(f"directories.tokendir = {work}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = dict(os.environ, SOFTHSM2_CONF=conf, HOME=work, XDG_CONFIG_HOME=f"{work}/c", XDG_STATE_HOME=f"{work}/s",
               DVC_PKCS11_SEARCH_PATH=f"{work}/mods")
    subprocess.run([os.path.join(ROOT, "target/release/examples/bench_pki"), f"{work}/pki", str(CERTS), "http://127.0.0.1:9"],
                   check=True, stdout=subprocess.DEVNULL)
    certs = sorted(os.listdir(f"{work}/pki/certs"))
    for t in range(TOKENS):
        label = f"Bench {t}"
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", "1234", "--so-pin", "5678"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        for i, name in enumerate(certs):
            pem = open(f"{work}/pki/certs/{name}").read()
            der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
            path = f"{work}/c{i}.der"
            open(path, "wb").write(der)
            subprocess.run(["pkcs11-tool", "--module", SOFTHSM, "--token-label", label, "--login", "--pin", "1234",
                            "--write-object", path, "--type", "cert", "--id", f"{i + 1:04x}", "--label", f"cert {i}"],
                           env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dvc = [os.path.join(ROOT, "target/release/dvc"), "token", "list", "--json"]
    out = subprocess.run(dvc, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.count('"label": "Bench') == TOKENS, out.stdout[:400]
    assert "libbit4xpki.so" in out.stdout, "the copy was not loaded as a module of its own"
    parallel = median_ms([dvc], env)
    sequential = median_ms([dvc], dict(env, DVC_PKCS11_SEQUENTIAL="1"))
    # The baseline: pkcs11-tool -O once per module.
    per_module = median_ms([["pkcs11-tool", "--module", m, "-O"] for m in modules], env)
    # For comparison: once per token of each SoftHSM2 module (all 6 listings).
    per_token = median_ms(
        [["pkcs11-tool", "--module", m, "--token-label", f"Bench {t}", "-O"] for m in modules[:2] for t in range(TOKENS)]
        + [["pkcs11-tool", "--module", OPENSC, "-O"]], env)
    print(f"2 modules x {TOKENS} tokens x {CERTS} certificates (+ OpenSC, no token), {RUNS} runs each, medians:")
    print(f"  dvc token list --json, modules loaded in parallel: {parallel:.1f} ms")
    print(f"  dvc token list --json, modules one after the other: {sequential:.1f} ms "
          f"(parallel/sequential {parallel / sequential:.2f})")
    print(f"  pkcs11-tool -O once per module ({len(modules)} runs): {per_module:.1f} ms; "
          f"ratio dvc/pkcs11-tool {parallel / per_module:.2f} (goal <= 1.00)")
    print(f"  pkcs11-tool -O once per token and module ({2 * TOKENS + 1} runs): {per_token:.1f} ms; "
          f"ratio {parallel / per_token:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
