#!/usr/bin/env python3
"""Issue 8's figures, measured against a running bin/ficus-stack (not a test: it prints numbers, asserts none).

  1. time for the whole stack to become healthy (what bin/ficus-stack measured at its start);
  2. resident memory of every process of the stack (each JVM, and each embedded PostgreSQL cluster with its
     backends), idle and then under load;
  3. lag from an order's CONFIRMED to its notification being readable from notifications-service, p50/p99, with
     orders placed through the gateway at a steady rate (default 20 orders/s).

The lag of one order is the service's recorded `sentAt` of its ORDER_CONFIRMED notification minus the `at` of
CONFIRMED in the order's history. Both clocks are this machine's; the notification row is readable as soon as the
transaction that stamps `sentAt` commits (a few milliseconds later), so the figure is slightly optimistic by that
commit time and free of any polling delay.

Every backend checks tokens (ADR 0014, 0016): orders are placed as one demo customer, notifications read as staff, with
tokens from bin/ficus-token in the environment (they live 5 minutes: get them just before the run).

Usage: FICUS_TOKEN=$(bin/ficus-token staff@example.com) FICUS_CUSTOMER_TOKEN=$(bin/ficus-token ada@example.com) \
       bench/notification-lag.py [--data DIR] [--rate 20] [--seconds 60]
       (DIR is FICUS_STACK_DATA of the running stack; default <repository>/data)
"""
import argparse
import base64
import concurrent.futures
import datetime
import json
import os
import pathlib
import statistics
import threading
import time
import urllib.request

NAMES = ["monolith", "catalog-service", "notifications-service", "gateway"]
SKU = "FIC-003"  # 29.50 EUR: the payment sandbox authorizes it


def read_env(data):
    env = {}
    for line in (data / "stack.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value.strip('"')
    return env


STAFF_TOKEN = os.environ.get("FICUS_TOKEN", "")
CUSTOMER_TOKEN = os.environ.get("FICUS_CUSTOMER_TOKEN", "")


def login_of(token):
    """The customer a token names: its email claim, else its subject (what the shop stores as the order's customer)."""
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return (claims.get("email") or claims["sub"]).lower()


def http(method, url, body=None, timeout=30, token=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token or STAFF_TOKEN}"}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


def rss_kb(pid):
    return proc_kb(f"/proc/{pid}/status", "VmRSS:")


def pss_kb(pid):
    """Proportional set size: shared pages (PostgreSQL's shared buffers) divided among the processes sharing them."""
    return proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def proc_kb(path, key):
    try:
        for line in pathlib.Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    found = []
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


def postgres_rss_kb(data, name):
    """The embedded cluster of one application: its postmaster (postmaster.pid) and every backend under it."""
    try:
        postmaster = int((data / name / "postgres" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    # RSS would count the shared buffers once per backend; PSS counts them once for the cluster
    return pss_kb(postmaster) + sum(pss_kb(child) for child in children(postmaster))


def memory(data, pids):
    return {name: (rss_kb(pid) // 1024, postgres_rss_kb(data, name) // 1024) for name, pid in zip(NAMES, pids)}


def print_memory(title, figures):
    print(f"\nresident memory, {title} (MB): JVM (RSS) / its PostgreSQL cluster (PSS of postmaster + backends)")
    for name, (jvm, pg) in figures.items():
        print(f"  {name:24s} {jvm:6d} / {pg:4d}")
    print(f"  {'total':24s} {sum(j + p for j, p in figures.values()):6d}")


def parse_instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.environ.get("FICUS_STACK_DATA",
                                                         pathlib.Path(__file__).resolve().parents[3] / "data"))
    parser.add_argument("--rate", type=float, default=20.0, help="orders per second")
    parser.add_argument("--seconds", type=int, default=60, help="how long to place orders")
    args = parser.parse_args()
    data = pathlib.Path(args.data).resolve()
    env = read_env(data)
    gateway, monolith, service = env["FICUS_GATEWAY_URL"], env["FICUS_MONOLITH_URL"], env["FICUS_NOTIFICATIONS_URL"]
    pids = [int(p) for p in env["FICUS_STACK_PIDS"].split()]

    print(f"whole stack healthy after {env['FICUS_STACK_HEALTHY_SECONDS']} s (measured by bin/ficus-stack)")
    print_memory("idle", memory(data, pids))

    if not STAFF_TOKEN or not CUSTOMER_TOKEN:
        raise SystemExit("set FICUS_TOKEN (staff) and FICUS_CUSTOMER_TOKEN (a customer) from bin/ficus-token")
    customer = login_of(CUSTOMER_TOKEN)
    total = int(args.rate * args.seconds)
    http("PUT", f"{monolith}/api/inventory/stock/{SKU}", {"available": total + 1000})
    placed = []
    failures = []
    samples = []
    lock = threading.Lock()

    def place(i):
        try:
            order = http("POST", f"{gateway}/api/orders", {"lines": [{"sku": SKU, "quantity": 1}]},
                         token=CUSTOMER_TOKEN)
            with lock:
                placed.append(order["id"])
        except Exception as e:  # noqa: BLE001 - a failed placement is counted, not fatal
            with lock:
                failures.append(str(e))

    print(f"\nplacing {total} orders at {args.rate:g}/s through {gateway} as {customer} ...")
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        for i in range(total):
            delay = start + i / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(place, i)
            if i == total // 2:
                samples.append(memory(data, pids))
    achieved = total / (time.monotonic() - start)
    print(f"placed {len(placed)} orders ({len(failures)} failed) at {achieved:.1f}/s")
    print_memory("under load (sampled halfway)", samples[0])

    def confirmed_sent_at(base):
        """orderId -> sentAt of its ORDER_CONFIRMED notification, every page of the customer's notifications."""
        sent, page = {}, 0
        while True:
            answer = http("GET", f"{base}/api/notifications?customer={customer}&size=100&page={page}")
            for n in answer["items"]:
                if n["type"] == "ORDER_CONFIRMED":
                    sent[n["orderId"]] = n["sentAt"]
            page += 1
            if page * 100 >= answer["total"]:
                return sent

    deadline = time.monotonic() + 180
    wanted = set(placed)
    at_service = confirmed_sent_at(service)
    while not wanted <= at_service.keys() and time.monotonic() < deadline:
        time.sleep(2)
        at_service = confirmed_sent_at(service)
    at_monolith = confirmed_sent_at(monolith)
    lags = []
    hops = []
    missing = 0
    for order_id in placed:
        order = http("GET", f"{monolith}/api/orders/{order_id}")
        confirmed = [h["at"] for h in order["history"] if h["status"] == "CONFIRMED"]
        if not confirmed or order_id not in at_service:
            missing += 1
            continue
        lags.append((parse_instant(at_service[order_id]) - parse_instant(confirmed[0])).total_seconds() * 1000)
        # the monolith's own module handles OrderConfirmed on the same executor as the externalizer: its sentAt
        # marks when the monolith got round to the event, so the rest is broker + service
        if order_id in at_monolith:
            hops.append((parse_instant(at_service[order_id]) - parse_instant(at_monolith[order_id])).total_seconds()
                        * 1000)
    if lags:
        print(f"\nCONFIRMED -> notification readable in notifications-service, {len(lags)} orders "
              f"({missing} without one):")
        print(f"  p50 {percentile(lags, 50):.0f} ms   p99 {percentile(lags, 99):.0f} ms   "
              f"max {max(lags):.0f} ms   mean {statistics.mean(lags):.0f} ms")
        if hops:
            print(f"  of which after the monolith's own notifications module handled the same event (broker hop +"
                  f" service): p50 {percentile(hops, 50):.0f} ms   p99 {percentile(hops, 99):.0f} ms")
        print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    else:
        print("no order reached a notification")


if __name__ == "__main__":
    main()
