#!/usr/bin/env python3
"""A team's integration-test setup, timed against three local Cognitos with one boto3 driver.

The scenario (issue 21): create a pool and an app client; 50 users (AdminCreateUser + AdminSetUserPassword, permanent);
50 sign-ins (InitiateAuth USER_PASSWORD_AUTH) each followed by GetUser. It runs against CognitoAuth.Emulator (the built
emulator bin/local runs), cognito-local (tools/cognito-local, npm) and moto (moto_server, the image's Python), each
started here on a free loopback port, in interleaved rounds after one warm-up round per server, each round on a new
pool. It also times each server's start: process spawned -> first HTTP answer.

    tools/team-setup/team_setup.py [--rounds 5] [--starts 3] [--servers emulator,cognito-local,moto]
                                   [--json FILE] [--markdown FILE]

Prints a markdown table (medians over rounds, and each phase's quietest round); exits 3 when the emulator misses the
target (total <= 0.8x the fastest peer, and no phase slower than any peer's), 1 when a server fails the scenario.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REGION = "us-east-1"
ACCESS_KEY, SECRET_KEY = "AKIDLOCALCOGNITO", "local-cognito-secret"
PASSWORD = "TeamSetup-passw0rd!"
PHASES = ("pool + client", "50 users", "50 sign-ins + GetUser")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One local Cognito in its own process, on a free port, stopped (and its folder removed) by stop()."""

    def __init__(self, name, command, env, port, workdir):
        self.name, self.port, self.workdir = name, port, workdir
        self.endpoint = f"http://127.0.0.1:{port}/"
        started = time.perf_counter()
        self.process = subprocess.Popen(command, env={**os.environ, **env}, cwd=workdir,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.time_to_answer = self._wait_for_answer(started)

    def _wait_for_answer(self, started):
        deadline = started + 60
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} before answering")
            try:
                request = urllib.request.Request(self.endpoint, data=b"{}", method="POST",
                                                 headers={"X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools",
                                                          "Content-Type": "application/x-amz-json-1.1"})
                urllib.request.urlopen(request, timeout=1).close()
                return time.perf_counter() - started
            except urllib.error.HTTPError as error:
                if error.code != 503:  # any answer of the service's own, even an error; 503 is "not ready yet"
                    return time.perf_counter() - started
                time.sleep(0.002)
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                time.sleep(0.002)
        raise RuntimeError(f"{self.name} did not answer within 60 s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


def start(name):
    port, workdir = free_port(), tempfile.mkdtemp(prefix=f"team-setup-{name}-")
    if name == "emulator":
        dll = os.path.join(ROOT, "src", "CognitoAuth.Emulator.Tool", "bin", "Release", "net10.0", "CognitoAuth.Emulator.Tool.dll")
        if not os.path.exists(dll):
            raise RuntimeError(f"build the emulator first (bin/local builds it): {dll}")
        command = ["dotnet", dll, "--cognito-port", str(port), "--api-port", str(free_port()), "--region", REGION,
                   "--outputs", os.path.join(workdir, "outputs.json")]
        return Server(name, command, {"DOTNET_CLI_TELEMETRY_OPTOUT": "1"}, port, workdir)
    if name == "cognito-local":
        entry = os.path.join(ROOT, "tools", "cognito-local", "node_modules", "cognito-local", "lib", "bin", "start.js")
        if not os.path.exists(entry):
            raise RuntimeError("cognito-local is not installed: npm ci in tools/cognito-local")
        return Server(name, ["node", entry], {"PORT": str(port), "HOST": "127.0.0.1", "NODE_NO_WARNINGS": "1", "DEBUG": ""}, port, workdir)
    if name == "moto":
        moto = shutil.which("moto_server")
        command = [moto] if moto else [sys.executable, "-m", "moto.server"]
        return Server(name, command + ["-H", "127.0.0.1", "-p", str(port)], {}, port, workdir)
    raise ValueError(name)


def client(server):
    return boto3.client("cognito-idp", endpoint_url=server.endpoint, region_name=REGION, aws_access_key_id=ACCESS_KEY,
                        aws_secret_access_key=SECRET_KEY,
                        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, max_pool_connections=4))


def scenario(cognito, round_number, users):
    """The team's setup; returns each phase's seconds."""
    timings = []
    t = time.perf_counter()
    pool_id = cognito.create_user_pool(PoolName=f"team-{round_number}",
                                       Policies={"PasswordPolicy": {"MinimumLength": 8}})["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="team-client",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    timings.append(time.perf_counter() - t)

    names = [f"dev{n}@example.com" for n in range(users)]
    t = time.perf_counter()
    for name in names:
        cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": name}])
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    timings.append(time.perf_counter() - t)

    t = time.perf_counter()
    for name in names:
        result = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD})["AuthenticationResult"]
        user = cognito.get_user(AccessToken=result["AccessToken"])
        # cognito-local answers the user's sub as Username; the e-mail identifies the user on all three.
        if {"Name": "email", "Value": name} not in user["UserAttributes"]:
            raise RuntimeError(f"GetUser answered another user than {name}: {user}")
    timings.append(time.perf_counter() - t)
    return timings


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--starts", type=int, default=3, help="process starts timed per server")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--servers", default="emulator,cognito-local,moto")
    parser.add_argument("--json")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    names = args.servers.split(",")

    starts = {name: [] for name in names}
    for _ in range(args.starts):
        for name in names:
            server = start(name)
            starts[name].append(server.time_to_answer)
            server.stop()

    servers = {name: start(name) for name in names}
    rounds = {name: [] for name in names}
    try:
        clients = {name: client(server) for name, server in servers.items()}
        for name in names:
            scenario(clients[name], 0, args.users)  # warm-up: JIT, connections, the first pool
        for number in range(1, args.rounds + 1):
            for name in (names if number % 2 else list(reversed(names))):  # interleaved, alternating order
                rounds[name].append(scenario(clients[name], number, args.users))
    finally:
        for server in servers.values():
            server.stop()

    result = {}
    for name in names:
        per_phase = list(zip(*rounds[name]))
        totals = [sum(r) for r in rounds[name]]
        result[name] = {
            "time_to_answer_s": statistics.median(starts[name]),
            "time_to_answer_all_s": starts[name],
            "phases_median_s": [statistics.median(p) for p in per_phase],
            "phases_min_s": [min(p) for p in per_phase],
            "total_median_s": statistics.median(totals),
            "total_min_s": min(totals),
            "totals_s": totals,
        }

    lines = ["| server | time to answer (median of %d starts) | %s | total, median (range) |" % (args.starts, " | ".join(f"{p}, median" for p in PHASES)),
             "|---|---|" + "---|" * len(PHASES) + "---|"]
    for name in names:
        r = result[name]
        lines.append(f"| {name} | {ms(r['time_to_answer_s'])} | " + " | ".join(ms(p) for p in r["phases_median_s"])
                     + f" | {ms(r['total_median_s'])} ({ms(min(r['totals_s']))}–{ms(max(r['totals_s']))}) |")

    verdict, missed = [], []
    if "emulator" in result and len(names) > 1:
        emulator = result["emulator"]
        peers = {n: result[n] for n in names if n != "emulator"}
        fastest_name = min(peers, key=lambda n: peers[n]["total_median_s"])
        ratio = emulator["total_median_s"] / peers[fastest_name]["total_median_s"]
        ok = ratio <= 0.8
        verdict.append(f"total: emulator {ratio:.2f}× the fastest peer ({fastest_name}), target ≤ 0.80× — {'met' if ok else 'MISSED'}")
        if not ok:
            missed.append("total")
        for index, phase in enumerate(PHASES):
            slowest_ratio = max(emulator["phases_median_s"][index] / peer["phases_median_s"][index] for peer in peers.values())
            ok = slowest_ratio <= 1.0
            verdict.append(f"{phase}: emulator {slowest_ratio:.2f}× the fastest peer's time in it, target ≤ 1.00× — {'met' if ok else 'MISSED'}")
            if not ok:
                missed.append(phase)
        result["verdict"] = verdict

    table = "\n".join(lines + [""] + [f"- {v}" for v in verdict]) + "\n"
    print(table)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(f"\n### Team setup (boto3, {args.users} users, {args.rounds} rounds)\n\n" + table)
    return 3 if missed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as error:
        print(f"team-setup: {error}", file=sys.stderr)
        sys.exit(1)
