#!/usr/bin/env python3
"""Time and peak memory of `fhirner annotate` on one large note, at several sizes, to show the cost is linear.

Usage: tools/bench/large_note.py [--kind pasted|prose] [--sizes 262144,524288,1048576] [--note PATH]

  pasted: a real dev2 note with what hospital systems paste into notes appended up to the size
          (base64 images, tables of numbers, symbol rules, in turn); the guard leaves them out.
  prose:  real dev2 notes concatenated up to the size; every character goes through the model.

Prints one line per size: bytes, seconds, peak resident memory, findings, and the seconds per MB
beyond the note alone (the first line, which carries process start and model load). A linear cost
keeps seconds per MB flat as the size doubles. Builds the Release tool first (tools/fhirner.sh).
"""
import argparse
import base64
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

root = Path(__file__).resolve().parents[2]
corpus = Path(os.environ.get("FHIRNER_CANTEMIST_DIR", root.parent / "shared" / "cantemist"))


def pasted(note: str, size: int, rng: random.Random) -> str:
    parts, length, turn = [note], len(note.encode()), 0
    while length < size:
        kind = turn % 3
        if kind == 0:  # a pasted image, one line as data URIs come
            blob = "data:image/png;base64," + base64.b64encode(rng.randbytes(30_000)).decode()
        elif kind == 1:  # a lab export: rows of bare numbers
            blob = "\n".join("  ".join(f"{rng.uniform(0, 999):.2f}" for _ in range(10)) for _ in range(300))
        else:  # a rule of symbols
            blob = "=" * 80 + "\n" + "*-" * 40
        parts.append("\n" + blob + "\n")
        length += len(blob.encode()) + 2
        turn += 1
    return "".join(parts)


def prose(size: int) -> str:
    parts, length = [], 0
    for path in sorted((corpus / "dev2").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        length += len(text.encode())
        if length >= size:
            break
    return "\n\n".join(parts)


def run(tool: Path, path: Path) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(["dotnet", str(tool), "annotate", str(path)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"annotate failed: {done.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    findings = len(json.loads(done.stdout)["findings"])
    # ru_maxrss is the largest child so far (KiB on Linux): sizes run in increasing order, so it is this run's.
    return seconds, max(peak, before) / 1024, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["pasted", "prose"], default="pasted")
    parser.add_argument("--sizes", default="262144,524288,1048576")
    parser.add_argument("--note", default=str(corpus / "dev2" / "cc_onco1001.txt"))
    args = parser.parse_args()
    subprocess.run([str(root / "tools" / "fhirner.sh"), "--help"], check=True, capture_output=True)
    tool = root / "src" / "FhirNer.Cli" / "bin" / "Release" / "net10.0" / "fhirner.dll"
    note = Path(args.note).read_text(encoding="utf-8")
    rng = random.Random(23)
    with tempfile.TemporaryDirectory(prefix="fhirner-bench-") as folder:
        first = Path(folder) / "note.txt"
        first.write_text(note if args.kind == "pasted" else prose(0), encoding="utf-8")
        base_seconds, base_mb, base_findings = run(tool, first)
        base_bytes = first.stat().st_size
        print(f"{args.kind}: note alone {base_bytes:>9,} bytes  {base_seconds:6.1f} s  peak {base_mb:5.0f} MB  findings {base_findings}  (process start and model load included)")
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"note-{size}.txt"
            path.write_text(pasted(note, size, rng) if args.kind == "pasted" else prose(size), encoding="utf-8")
            seconds, mb, findings = run(tool, path)
            extra = (path.stat().st_size - base_bytes) / 1_048_576
            print(f"{args.kind}: {path.stat().st_size:>9,} bytes  {seconds:6.1f} s  peak {mb:5.0f} MB  findings {findings:>4}  {(seconds - base_seconds) / extra:6.2f} s per extra MB")


if __name__ == "__main__":
    main()
