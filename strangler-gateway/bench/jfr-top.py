#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went: the hottest methods (self time) and the share of samples whose stack
contains each of the given frame substrings (inclusive time), e.g.

  jfr-top.py /tmp/ficus.jfr                     # top 40 self
  jfr-top.py /tmp/ficus.jfr Observation Timer.record PublicRequestHeaders
  jfr-top.py /tmp/ficus.jfr --callers toLowerCase     # who calls it (first frame outside the JDK)
"""
import collections, re, subprocess, sys

recording, needles = sys.argv[1], sys.argv[2:]
callers = None
if needles[:1] == ["--callers"]:
    callers, needles = needles[1], []
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", recording],
                      capture_output=True, text=True, check=True).stdout
stacks = []
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>/]+\(.*?\))\s+line:", event, re.M)
    if frames:
        stacks.append(frames)
total = len(stacks)
print(f"{total} samples")
self_time = collections.Counter(stack[0].split("(")[0] for stack in stacks)
print("self time, top 40:")
for method, count in self_time.most_common(40):
    print(f"  {100 * count / total:5.1f}%  {method}")
if callers:
    print(f"frames above samples inside {callers} (first non-JDK frame, top 25):")
    above = collections.Counter()
    for stack in stacks:
        for i, frame in enumerate(stack):
            if callers in frame:
                rest = [f for f in stack[i + 1:] if not f.startswith(("java.", "jdk.", "sun."))]
                above[rest[0].split("(")[0] if rest else "?"] += 1
                break
    for method, count in above.most_common(25):
        print(f"  {100 * count / total:5.1f}%  {method}")
if needles:
    print("inclusive (stack contains):")
    for needle in needles:
        count = sum(1 for stack in stacks if any(needle in frame for frame in stack))
        print(f"  {100 * count / total:5.1f}%  {needle}")
