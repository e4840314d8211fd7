#!/usr/bin/env python3
"""Benchmark (issue 6): the CLI time of a USB login against the local
sandbox with a SoftHSM2 token, PIN from stdin, on top of the server's own
time. The server's time is taken from a minimal reference client (Python's
urllib) making the same requests, signing with `openssl pkeyutl`; the
difference is dvc's own cost (start-up, PKCS#11, checks). Also prints
`dvc session token` against `gh auth token` (see session_token.py).

    python3 benches/login.py [RUNS]
"""
import base64
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = "/usr/lib/softhsm/libsofthsm2.so"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def reference_login(issuer, account, work):
    """The protocol by hand: what any client must do, with no CLI around it."""
    jar = urllib.request.HTTPCookieProcessor()
    op = urllib.request.build_opener(NoRedirect, jar)

    def call(url, data=None):
        try:
            r = op.open(urllib.request.Request(url, data=data), timeout=10)
            return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    disc = json.loads(call(f"{issuer}/.well-known/openid-configuration")[2])
    verifier = base64.urlsafe_b64encode(os.urandom(48)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state, nonce = "s" * 32, "n" * 32
    q = urllib.parse.urlencode({"response_type": "code", "client_id": "dvc-cli", "redirect_uri": "http://127.0.0.1/dvc/callback",
                                "scope": "openid offline_access", "state": state, "nonce": nonce, "code_challenge": challenge,
                                "code_challenge_method": "S256", "acr_values": "LoA1"})
    st, h, _ = call(f"{disc['authorization_endpoint']}?{q}")
    key = urllib.parse.parse_qs(urllib.parse.urlparse(h["Location"]).query)["sessionDataKey"][0]
    open(f"{work}/k.txt", "w").write(key)
    sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", f"{work}/acct.key", "-rawin", "-digest", "sha256",
                          "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32", "-in", f"{work}/k.txt"],
                         capture_output=True, check=True).stdout
    form = urllib.parse.urlencode({"sessionDataKey": key, "authenticator": "usb", "certificate": account["cert_der"],
                                   "serial": account["cert_serial"], "dataBeforeSign": key,
                                   "signedData": base64.b64encode(sig).decode(), "signatureAlgorithm": "RSASSA-PSS-SHA256"}).encode()
    st, h, _ = call(disc["dvc_authentication_endpoint"], form)
    st, h, _ = call(urllib.parse.urljoin(issuer, h["Location"]))
    code = urllib.parse.parse_qs(urllib.parse.urlparse(h["Location"]).query)["code"][0]
    tok = json.loads(call(disc["token_endpoint"], urllib.parse.urlencode({
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1/dvc/callback",
        "client_id": "dvc-cli", "code_verifier": verifier}).encode())[2])
    call(disc["jwks_uri"])
    req = urllib.request.Request(disc["userinfo_endpoint"], headers={"Authorization": f"Bearer {tok['access_token']}"})
    op.open(req, timeout=10).read()


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--workspace", "--bins"], check=True, cwd=ROOT)
    rel = os.path.join(ROOT, "target/release")
    work = tempfile.mkdtemp(prefix="dvc-bench-login-")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=f"{work}/c", XDG_STATE_HOME=f"{work}/s", XDG_CACHE_HOME=f"{work}/x",
               SOFTHSM2_CONF=f"{work}/softhsm2.conf")
    os.makedirs(f"{work}/tokens")
    open(env["SOFTHSM2_CONF"], "w").write(f"directories.tokendir = {work}/tokens\nlog.level = ERROR\n")
    sb = subprocess.Popen([f"{rel}/dvc-sandbox", "serve", "--port", "0", "--data", f"{work}/sb"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
    issuer = sb.stdout.readline().strip().split("=", 1)[1]
    try:
        subprocess.run([f"{rel}/dvc-sandbox", "provision-token", "--data", f"{work}/sb", "--account", "dn-giai-phap-so",
                        "--module", MODULE, "--label", "Bench", "--pin-stdin"],
                       input="864209\n111111\n", text=True, env=env, check=True, stderr=subprocess.DEVNULL)
        state = json.load(open(f"{work}/sb/state.json"))
        account = next(a for a in state["accounts"]["accounts"] if a["id"] == "dn-giai-phap-so")
        der = base64.b64decode(account["key_pkcs8"])
        open(f"{work}/acct.der", "wb").write(der)
        subprocess.run(["openssl", "pkey", "-inform", "DER", "-in", f"{work}/acct.der", "-out", f"{work}/acct.key"], check=True)
        argv = [f"{rel}/dvc", "login", "--usb", "--module", MODULE, "--cert", "0101234567", "--pin-stdin", "--force",
                "--insecure-storage", "--issuer", issuer, "--client-id", "dvc-cli"]
        dvc_times, ref_times = [], []
        for i in range(RUNS + 2):
            t0 = time.perf_counter()
            subprocess.run(argv, input="864209\n", text=True, env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            t1 = time.perf_counter()
            reference_login(issuer, account, work)
            t2 = time.perf_counter()
            if i >= 2:
                dvc_times.append(t1 - t0)
                ref_times.append(t2 - t1)
        d, r = statistics.median(dvc_times) * 1000, statistics.median(ref_times) * 1000
        print(f"USB login (SoftHSM2, RSA-PSS, PIN from stdin), {RUNS} runs: dvc login median {d:.1f} ms; "
              f"reference client (urllib + openssl pkeyutl) median {r:.1f} ms; dvc's own time on top: {d - r:.1f} ms (goal <= 50 ms)")
    finally:
        sb.terminate()
        sb.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
