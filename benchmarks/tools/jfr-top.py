#!/usr/bin/env python3
"""Summarises a JFR recording's jdk.ExecutionSample events (issue 18's request profiles).

  jfr-top.py RECORDING.jfr [--skip-seconds S] [--thread-prefix P] [--top N]

Prints (1) where the samples go by category: each sample is charged to the first frame, walking
from the leaf towards main, whose class matches a category below (so a SHA-256 digest under the
signer counts as signing, a CRC32 under the checksum stream as checksums); (2) the top leaf
frames. Percentages are of the samples kept (after --skip-seconds, the warm-up).
"""
import json, subprocess, sys, collections, argparse

CATEGORIES = [
    ("checksums (CRC32, trailer, checksum stages)", ("checksum", "Checksum", "CRC32", "Crc32", "Trailer")),
    ("signing (SigV4, payload SHA-256, signed aws-chunked frames)", ("AwsChunked", "ChunkedEncoded", "chunkedencoding", "signer", "Signer", "SigV4", "V4Request", "V4Payload", "V4Canonical", "sun.security.provider.SHA", "sun.security.provider.Digest", "MessageDigest", "javax.crypto", "com.sun.crypto", "SignerUtils", "credentials.")),
    ("endpoint resolution / rules", ("endpoints.", "Endpoint", "rules.")),
    ("marshalling / unmarshalling (XML, headers)", ("protocols.", "Marshall", "marshall", "Unmarshall", "unmarshall", ".transform.", "xml", "Xml", "stax", "javax.xml", "com.sun.org.apache.xerces")),
    ("interceptors (SDK + ours)", ("Interceptor", "interceptor")),
    ("HTTP client (Apache, sockets)", ("org.apache.http", "software.amazon.awssdk.http.apache", "sun.nio.ch", "java.net.", "SocketInputStream", "SocketOutputStream", "sun.net.", "http.urlconnection", "org.apache.hc")),
    ("logging", ("org.slf4j", "ch.qos.logback")),
    ("SDK request pipeline (other)", ("software.amazon.awssdk.",)),
    ("remote-store (Store, backend)", ("dev.remotestore.",)),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--skip-seconds", type=float, default=0)
    ap.add_argument("--thread-prefix", default=None)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--native", action="store_true", help="also jdk.NativeMethodSample (threads in native code: syscalls)")
    ap.add_argument("--under", default=None, help="also print the top frames just below the first frame containing this")
    a = ap.parse_args()
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample" if a.native else "jdk.ExecutionSample",
                          a.recording], capture_output=True, text=True, check=True).stdout
    events = json.loads(raw)["recording"]["events"]
    if not events:
        print("no samples"); return
    t0 = min(e["values"]["startTime"] for e in events)
    from datetime import datetime
    def ts(s):
        return datetime.fromisoformat(s.replace("Z", "+00:00")[:26] + s[-6:] if s.endswith(":00") else s[:26]).timestamp()
    start = ts(t0)
    cats = collections.Counter(); leaves = collections.Counter(); kept = 0; under = collections.Counter()
    for e in events:
        v = e["values"]
        if ts(v["startTime"]) - start < a.skip_seconds:
            continue
        th = (v.get("sampledThread") or {}).get("javaName") or ""
        if a.thread_prefix and not th.startswith(a.thread_prefix):
            continue
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in (v["stackTrace"] or {}).get("frames", [])]
        if not frames:
            continue
        kept += 1
        leaves[frames[0]] += 1
        if a.under:
            idx = next((i for i, f in enumerate(frames) if a.under in f), None)
            if idx is not None:
                under[" < ".join(frames[max(0, idx - 2):idx + 1])] += 1
        cat = "JDK / other"
        for f in frames:
            hit = next((name for name, pats in CATEGORIES if any(p in f for p in pats)), None)
            if hit:
                cat = hit; break
        cats[cat] += 1
    print(f"{kept} samples")
    print("| where | % of samples |\n|---|---|")
    for c, n in cats.most_common():
        print(f"| {c} | {100*n/kept:.1f} |")
    print(f"\n| top leaf frame | % |\n|---|---|")
    for f, n in leaves.most_common(a.top):
        print(f"| `{f}` | {100*n/kept:.1f} |")

    if a.under:
        print(f"\n| below `{a.under}` (two frames) | % |\n|---|---|")
        for f, n in under.most_common(a.top):
            print(f"| `{f}` | {100*n/kept:.1f} |")

main()
