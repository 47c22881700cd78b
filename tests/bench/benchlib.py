"""Helpers shared by the benchmarks in tests/bench (Python 3 stdlib only):
running a timed process, a throw-away certificate and the fake Instagram as
a process of its own (build/tests/fake/fake-instagram)."""
import os, resource, subprocess, sys, time


def measure(argv, env):
    """Runs argv; returns (stdout, wall seconds, CPU seconds of the child).
    Exits with the end of its stderr when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, env=env)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{argv[0]} failed ({proc.returncode}): "
                 f"{proc.stderr.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc.stdout.decode(), wall, cpu


def make_certificate(directory):
    """A throw-away self-signed certificate for 127.0.0.1."""
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    if not os.path.exists(cert):
        subprocess.check_call(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                               "-subj", "/CN=127.0.0.1", "-days", "2",
                               "-keyout", key, "-out", cert], stderr=subprocess.DEVNULL)
    return cert, key


def start_fake(build, media_dir, env, tls, cdn_names=(), log=None):
    """Starts the fake Instagram on a random port of 127.0.0.1 (https with a
    self-signed certificate when tls). Returns (process, base URL, {name:
    signed CDN URL} for cdn_names). With log, the fake appends a line per
    request to that file (fake-instagram --log)."""
    argv = [os.path.join(build, "tests/fake/fake-instagram"), "--port", "0",
            "--media-dir", media_dir]
    for name in cdn_names:
        argv += ["--cdn-url", name]
    if log is not None:
        argv += ["--log", log]
    if tls:
        cert, key = make_certificate(os.path.join(build, "tests/bench"))
        argv += ["--tls-cert", cert, "--tls-key", key]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    base = proc.stdout.readline().split("listening on ")[1].strip()
    urls = {}
    for _ in cdn_names:
        _, name, url = proc.stdout.readline().split()[:3]
        urls[name] = url
    return proc, base, urls


def stop_fake(proc):
    proc.terminate()
    proc.wait()
