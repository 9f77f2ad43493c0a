#!/usr/bin/env python3
"""Per-operation system calls from two `strace -f -c -o FILE` summaries of the same program:
one run with --count 0 and one with --count N (issue 18's local small-files count).

  strace-per-op.py ZERO.txt N.txt N

Prints calls per operation by name, (N-run minus 0-run) / N, for the calls that grew by at least
0.05 per operation; futex/madvise/mmap-style JVM housekeeping is listed too, as it is.
"""
import sys

def calls(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and not line.startswith("100.00"):
            name = parts[-1]
            n = int(parts[3])
            out[name] = n
    return out

zero, full, n = calls(sys.argv[1]), calls(sys.argv[2]), int(sys.argv[3])
rows = sorted(((full.get(k, 0) - zero.get(k, 0)) / n, k) for k in set(full) | set(zero))
total = 0.0
for per, name in reversed(rows):
    if per >= 0.05:
        print(f"{name:16s} {per:6.2f}")
        total += per
print(f"{'total':16s} {total:6.2f}")
