"""Medians of wrk rounds, for the benchmark scripts of this folder (run.sh, token-relay.sh).

Each peer's rounds are files <work>/<peer>.<round>.txt holding wrk's output (with --latency).
"""
import re
import statistics


def millis(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse(path):
    """req/s, p50 ms, p99 ms and failed requests (socket errors and non-2xx/3xx answers) of one wrk output."""
    out = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = millis(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = millis(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, errors + (int(non2xx.group(1)) if non2xx else 0)


def print_table(work, rounds, peers, labels):
    """Prints one line per peer (medians of its rounds, errors summed, each round's req/s); returns the medians."""
    width = max(len(labels[peer]) for peer in peers) + 4
    results = {}
    print(f"{'':{width}}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}   rounds (req/s)")
    for peer in peers:
        runs = [parse(f"{work}/{peer}.{r}.txt") for r in range(1, rounds + 1)]
        med = [statistics.median(run[i] for run in runs) for i in range(3)] + [sum(run[3] for run in runs)]
        results[peer] = med
        print(f"{labels[peer]:{width}}{med[0]:>10,.0f}{med[1]:>9.2f}{med[2]:>9.2f}{med[3]:>8}   "
              + " ".join(f"{run[0]:,.0f}" for run in runs))
    return results
