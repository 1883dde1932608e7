#!/usr/bin/env python3
"""Time and peak memory of one large note through `fhirner bench`, at several sizes, to show the cost is linear.

Usage: tools/bench/large_note.py [--kind pasted|prose] [--sizes 1048576,2097152,4194304] [--note PATH]

  pasted: a real dev2 note with what hospital systems paste into notes appended up to the size
          (base64 images, tables of numbers, symbol rules, in turn); the guard leaves them out.
  prose:  real dev2 notes concatenated up to the size; every character goes through the model.

Prints one line per size: bytes, seconds to normalise and run the model over the note (warm, the
fastest of --repeat runs), the process's peak resident memory, the model tokens, and seconds per MB.
A linear cost keeps seconds per MB flat as the size doubles. Builds the Release tool first (tools/fhirner.sh).
"""
import argparse
import base64
import os
import random
import re
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
    """`fhirner bench` on the one note: its warm latency (normalisation included) and the process's peak memory."""
    done = subprocess.run(["dotnet", str(tool), "bench", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench failed: {done.stderr.strip()}")
    latency = float(re.search(r"latency p50 ([0-9.]+) ms", done.stdout).group(1)) / 1000
    peak = float(re.search(r"peak memory: ([0-9.]+) MB", done.stdout).group(1))
    tokens = int(re.search(r"1 notes, ([0-9]+) tokens", done.stdout).group(1))
    return latency, peak, tokens


def best(tool: Path, path: Path, repeat: int) -> tuple[float, float, int]:
    runs = [run(tool, path) for _ in range(max(1, repeat))]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["pasted", "prose"], default="pasted")
    parser.add_argument("--sizes", default="1048576,2097152,4194304")
    parser.add_argument("--note", default=str(corpus / "dev2" / "cc_onco1001.txt"))
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest is shown (the machine is shared)")
    args = parser.parse_args()
    subprocess.run([str(root / "tools" / "fhirner.sh"), "--help"], check=True, capture_output=True)
    tool = root / "src" / "FhirNer.Cli" / "bin" / "Release" / "net10.0" / "fhirner.dll"
    note = Path(args.note).read_text(encoding="utf-8")
    rng = random.Random(23)
    with tempfile.TemporaryDirectory(prefix="fhirner-bench-") as folder:
        first = Path(folder) / "note.txt"
        first.write_text(note if args.kind == "pasted" else prose(0), encoding="utf-8")
        base_seconds, base_mb, base_findings = best(tool, first, args.repeat)
        base_bytes = first.stat().st_size
        print(f"{args.kind}: note alone {base_bytes:>9,} bytes  {base_seconds:7.3f} s  peak {base_mb:5.0f} MB  tokens {base_findings:>7}")
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"note-{size}.txt"
            path.write_text(pasted(note, size, rng) if args.kind == "pasted" else prose(size), encoding="utf-8")
            seconds, mb, tokens = best(tool, path, args.repeat)
            megabytes = path.stat().st_size / 1_048_576
            print(f"{args.kind}: {path.stat().st_size:>9,} bytes  {seconds:7.3f} s  peak {mb:5.0f} MB  tokens {tokens:>7}  {seconds / megabytes:7.3f} s per MB")


if __name__ == "__main__":
    main()
