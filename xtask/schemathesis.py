#!/usr/bin/env python3
"""Schemathesis against every route of a demo server, as each demo role.

Usage: schemathesis.py BINARY STATIC_DIR

Starts BINARY (`jingzhun serve --demo`) on a free loopback port over a fresh SQLite file, logs
in as each demo account, and runs `schemathesis run` with the `not_a_server_error` check and a
time budget per role. Exits non-zero when any run finds a failure or the server dies; the
server's log is printed then.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PASSWORD = "jingzhun-demo"
# The coverage phase is left out: schemathesis 4.32.5 stops in it with an internal KeyError on
# this document (a fault of the tool, reported as a runtime error, not of the server).
# Seconds of generated requests per role: the writers get more, the read-only roles less.
BUDGETS = [
    ("admin", 90),
    ("district", 45),
    ("clerk", 45),
    ("township", 30),
    ("health", 20),
    ("enterprise", 20),
    ("auditor", 20),
    ("cadre", 20),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base, server, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited while starting")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not become healthy")


def login(base, username):
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        base + "/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.load(r)["token"]


def main():
    binary, static_dir = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="jingzhun-schemathesis-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(work, "server.log")
    env = dict(os.environ, JINGZHUN_STATIC_DIR=static_dir, JINGZHUN_DATA_DIR=work, JINGZHUN_WORKERS="2")
    database = f"sqlite://{work}/fuzz.db?mode=rwc"
    failed = []
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [binary, "serve", "--demo", "--bind", f"127.0.0.1:{port}", "--database", database],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            wait_healthy(base, server)
            tokens = {name: login(base, name) for name, _ in BUDGETS}
            for name, seconds in BUDGETS:
                print(f"== schemathesis as {name} ({seconds} s) ==", flush=True)
                run = subprocess.run(
                    [
                        "schemathesis", "run", base + "/api/v1/openapi.json",
                        "--checks", "not_a_server_error",
                        "--header", f"Authorization: Bearer {tokens[name]}",
                        "--max-time", str(seconds),
                        "--phases", "examples,fuzzing",
                        "--workers", "2",
                        "--request-timeout", "30",
                        "--seed", "20261129",
                        "--suppress-health-check", "all",
                        "--no-color",
                    ],
                    check=False,
                    cwd=work,
                )
                if run.returncode != 0:
                    failed.append(name)
                if server.poll() is not None:
                    failed.append("server exited")
                    break
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    if failed:
        print(f"schemathesis found failures as: {', '.join(failed)}; server errors in the log:")
        with open(log_path) as log:
            for line in log:
                if "ERROR" in line or "panicked" in line:
                    print(line.rstrip())
        print(f"(the server's log and database are kept in {work})")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("schemathesis: 0 failures as every role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
