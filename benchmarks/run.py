"""reportkit's speed and memory, measured as whole commands: ``python benchmarks/run.py``.

Run from the repository root (the corpus is ``../shared/corpus/state-council-work-reports.jsonl``,
or pass ``--corpus``). It prints the machine, then each ratio with its bar and every timed run,
and exits 1 when a ratio misses its bar (issue 12), so it can gate an optimisation loop:

(a)  ``reportkit parse --format jsonl --jobs 1 CORPUS`` against one
     ``python -c "import jieba; jieba.lcut(...)"`` process over the same 72 texts: one core
     against one core. Both are fresh processes timed from start to exit, so interpreter
     start, imports and jieba's dictionary load are included on both sides; both read the
     corpus JSON; the outputs go to /dev/null. Ratio jieba / reportkit, bar >= 3.
(a2) The same with ``--jobs 2`` (two worker processes) against the same one jieba process.
     Bar >= 5.
(b)  ``reportkit check samples/dongcheng-2023h1.txt`` (fresh process, default rules) against
     ``python -c "import jieba; jieba.initialize()"``. Ratio check / jieba, bar <= 0.5.
(c)  One big document: the corpus's 72 texts joined into one .txt (x1, 1.1 M characters) and
     that text eight times over (x8), each parsed as one document with ``parse --format
     jsonl``. Time ratio x8 / x1, bar <= 8.8 (linear is 8). Then ``parse --format json`` of
     the x8 document: peak RSS of the process (``ru_maxrss``) per input character, bar <= 150
     bytes.
(d)  Many documents, streaming: the corpus written 10 times into one .jsonl against the corpus
     once, ``parse --format jsonl --jobs 2``. Peak RSS, measured two ways, must stay within
     1.2x of the single corpus (a streaming run holds a bounded window of reports):
       - max over processes: ``ru_maxrss`` of RUSAGE_CHILDREN in a wrapper process that runs
         only the command (the kernel's exact peak of the largest process);
       - peak of the sum over the tree: the wrapper samples the RSS of the command and all its
         descendants every 10 ms (/proc/PID/task/*/children and /proc/PID/statm).
     And ``--jobs 2`` against ``--jobs 1`` on that 720-report corpus, ratio t1 / t2, bar >= 1.7
     (on the corpus once a fixed start-up that no number of workers can share caps it lower,
     Amdahl; that ratio is printed too, for information).

The checkout's ``src/`` is byte-compiled first, as an install does (jieba runs from its
installed, byte-compiled files; with PYTHONDONTWRITEBYTECODE set, as on the development
machine, every run would otherwise compile reportkit's changed modules from source). Every
command runs once untimed first (it warms the OS file cache and jieba's dictionary cache,
/tmp/jieba.cache, so neither side pays a one-off cost the other does not), then ``--runs``
times (default 3), the sides of a ratio interleaved so that a burst of load from another
process hits all of them; each side's median is used and every run is printed. Wall-clock time
(time.perf_counter around the child process), and for the one-core ratios the child's CPU time
(user + system) as well: on a machine shared with other work, wall time includes waiting for a
core, CPU time much less so. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "state-council-work-reports.jsonl"
SAMPLE = ROOT / "samples" / "dongcheng-2023h1.txt"

JIEBA_LCUT = """\
import json, sys, jieba
words = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        if line.strip():
            words += len(jieba.lcut(json.loads(line)["content"]))
print(words)
"""
JIEBA_INIT = "import jieba; jieba.initialize()"

# Runs one command as its only child and reports its wall time and peak memory as JSON.
WRAPPER = r"""
import json, os, resource, subprocess, sys, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return pids

def rss(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total

PAGE = os.sysconf("SC_PAGE_SIZE")
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0
while proc.poll() is None:
    peak = max(peak, rss(tree(proc.pid)))
    time.sleep(0.01)
wall = time.perf_counter() - start
maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
print(json.dumps({"wall": wall, "code": proc.returncode, "max_process": maxrss, "tree_peak": peak}))
"""


def reportkit_cmd() -> list[str]:
    # This checkout's code, whatever reportkit is installed: the benchmark measures the tree
    # it sits in.
    return [sys.executable, "-m", "reportkit"]


def compile_checkout() -> str:
    """Byte-compile the checkout's modules, as ``pip install`` does for an installed package.

    jieba runs from its installed, byte-compiled files; the checkout's modules would be
    compiled from source on every run where PYTHONDONTWRITEBYTECODE is set (as on this
    machine) or ``__pycache__`` is stale — a cost that no installed reportkit pays.
    """
    import compileall

    ok = compileall.compile_dir(str(ROOT / "src"), quiet=1)
    env_note = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return f"src/ byte-compiled before timing, as an install does{env_note}" if ok else \
        "src/ could not be fully byte-compiled: start-up times include compiling"


def child_env() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("CI", None)
    return env


def timed(cmd: list[str], ok=(0,)) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child and its descendants) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        sys.exit(f"benchmark: {' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measured(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True,
                         check=True, env=child_env())
    result = json.loads(out.stdout)
    if result["code"] != 0:
        sys.exit(f"benchmark: {' '.join(cmd)} exited {result['code']}")
    return result


def interleaved(commands: dict[str, list[str]], runs: int, ok=(0,)) -> dict[str, dict[str, list[float]]]:
    """name → {"wall": [...], "cpu": [...]}, one value per timed run."""
    for cmd in commands.values():  # warm-up, untimed
        timed(cmd, ok)
    times = {name: {"wall": [], "cpu": []} for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, cpu = timed(cmd, ok)
            times[name]["wall"].append(wall)
            times[name]["cpu"].append(cpu)
    return times


def med(values) -> float:
    return statistics.median(values)


def fmt_runs(values, unit="s") -> str:
    if unit == "MB":
        return "[" + ", ".join(f"{v / 1e6:.0f}" for v in values) + "] MB"
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "] s"


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    return [
        f"machine: nproc {nproc}, {model}, {platform.system()} {platform.release()}",
        f"python:  {platform.python_implementation()} {platform.python_version()}",
        f"commit:  {commit}; {time.strftime('%Y-%m-%d %H:%M')}",
        f"load average before: {load()}",
    ]


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


class Report:
    def __init__(self):
        self.failed = []

    def ratio(self, key: str, title: str, value: float, bar: str, ok: bool, lines: list[str]):
        verdict = "ok" if ok else "MISSES THE BAR"
        print(f"({key}) {title}: {value:.3f}  (bar {bar})  {verdict}")
        for line in lines:
            print(f"      {line}")
        if not ok:
            self.failed.append(key)


def side(name: str, t: dict) -> str:
    return (f"{name}  wall {med(t['wall']):.2f} s {fmt_runs(t['wall'])}, "
            f"cpu {med(t['cpu']):.2f} s {fmt_runs(t['cpu'])}")


def bench_a(report: Report, corpus: Path, runs: int):
    rk = reportkit_cmd()
    t = interleaved({
        "jobs1": [*rk, "parse", "--format", "jsonl", "--jobs", "1", str(corpus)],
        "jobs2": [*rk, "parse", "--format", "jsonl", "--jobs", "2", str(corpus)],
        "jieba": [sys.executable, "-c", JIEBA_LCUT, str(corpus)],
    }, runs)
    j = med(t["jieba"]["wall"])
    for key, name, bar in (("a", "jobs1", 3.0), ("a2", "jobs2", 5.0)):
        r = med(t[name]["wall"])
        extra = []
        if name == "jobs1":  # one core each: CPU time is comparable even on a busy machine
            extra.append(f"for information, by CPU time: {med(t['jieba']['cpu']) / med(t[name]['cpu']):.2f}")
        report.ratio(key, f"corpus: one jieba.lcut process / reportkit parse --format jsonl --jobs "
                     f"{name[-1]} (wall time)", j / r, f">= {bar:g}", j / r >= bar,
                     [side(f"reportkit --jobs {name[-1]}", t[name]), side("jieba.lcut        ", t["jieba"]),
                      *extra])


def repeated_corpus(corpus: Path, directory: Path, times: int) -> Path:
    """The corpus written ``times`` times into one .jsonl (the streaming workload of (d))."""
    lines = [line for line in corpus.read_bytes().splitlines(keepends=True) if line.strip()]
    big = directory / f"corpus-x{times}.jsonl"
    with big.open("wb") as fh:
        for _ in range(times):
            fh.writelines(lines)
    return big


def one_document(corpus: Path, directory: Path, times: int) -> tuple[Path, int]:
    """The corpus's texts joined into one report, ``times`` times over: (path, characters)."""
    with corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["content"] for line in fh if line.strip()]
    text = "\n".join(["\n".join(texts)] * times) + "\n"
    path = directory / f"corpus-x{times}.txt"
    path.write_text(text, encoding="utf-8")
    return path, len(text)


def bench_b(report: Report, runs: int):
    rk = reportkit_cmd()
    cmd = [*rk, "check", str(SAMPLE)]
    t = interleaved({"reportkit": cmd, "jieba": [sys.executable, "-c", JIEBA_INIT]}, runs, ok=(0, 1))
    r, j = med(t["reportkit"]["wall"]), med(t["jieba"]["wall"])
    report.ratio("b", "one file: reportkit check time / jieba.initialize() time (wall)", r / j, "<= 0.5",
                 r / j <= 0.5, [side(f"reportkit check {SAMPLE.relative_to(ROOT)}", t["reportkit"]),
                                side("python -c 'import jieba; jieba.initialize()'", t["jieba"])])


def bench_c(report: Report, corpus: Path, runs: int):
    rk = reportkit_cmd()
    with tempfile.TemporaryDirectory(prefix="reportkit-bench-") as tmp:
        one, one_chars = one_document(corpus, Path(tmp), 1)
        eight, eight_chars = one_document(corpus, Path(tmp), 8)
        t = interleaved({"x1": [*rk, "parse", "--format", "jsonl", str(one)],
                         "x8": [*rk, "parse", "--format", "jsonl", str(eight)]}, runs)
        peaks = [measured([*rk, "parse", "--format", "json", str(eight)])["max_process"] for _ in range(runs)]
    ratio = med(t["x8"]["wall"]) / med(t["x1"]["wall"])
    cpu_ratio = med(t["x8"]["cpu"]) / med(t["x1"]["cpu"])
    report.ratio("c", "one document, corpus x8 / corpus x1: time (wall)", ratio, "<= 8.8", ratio <= 8.8,
                 [side(f"x1 ({one_chars:,} characters)", t["x1"]),
                  side(f"x8 ({eight_chars:,} characters)", t["x8"]),
                  f"for information, by CPU time: {cpu_ratio:.2f}"])
    per_char = med(peaks) / eight_chars
    report.ratio("c", "one document, corpus x8, parse --format json: peak RSS per input character",
                 per_char, "<= 150 bytes", per_char <= 150,
                 [f"peak RSS {med(peaks) / 1e6:.0f} MB {fmt_runs(peaks, 'MB')} for {eight_chars:,} characters"])


def bench_d(report: Report, corpus: Path, runs: int):
    rk = reportkit_cmd()
    lines = [line for line in corpus.read_bytes().splitlines(keepends=True) if line.strip()]
    with tempfile.TemporaryDirectory(prefix="reportkit-bench-") as tmp:
        big = repeated_corpus(corpus, Path(tmp), 10)
        commands = {"x1": [*rk, "parse", "--format", "jsonl", "--jobs", "2", str(corpus)],
                    "x10": [*rk, "parse", "--format", "jsonl", "--jobs", "2", str(big)]}
        for cmd in commands.values():
            measured(cmd)  # warm-up
        results = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                results[name].append(measured(cmd))
        t10 = interleaved({"jobs1": [*rk, "parse", "--format", "jsonl", "--jobs", "1", str(big)],
                           "jobs2": commands["x10"]}, runs)
    get = {name: {k: [r[k] for r in rs] for k in ("wall", "max_process", "tree_peak")}
           for name, rs in results.items()}
    one, ten = get["x1"], get["x10"]
    proc_ratio = med(ten["max_process"]) / med(one["max_process"])
    tree_ratio = med(ten["tree_peak"]) / med(one["tree_peak"])
    report.ratio("d", "corpus x10 / corpus x1 (--jobs 2): peak RSS, max over processes", proc_ratio, "<= 1.2",
                 proc_ratio <= 1.2, [f"x1  {med(one['max_process']) / 1e6:.0f} MB {fmt_runs(one['max_process'], 'MB')}"
                                     f"   ({len(lines)} reports, {corpus.stat().st_size / 1e6:.1f} MB)",
                                     f"x10 {med(ten['max_process']) / 1e6:.0f} MB {fmt_runs(ten['max_process'], 'MB')}"])
    report.ratio("d", "corpus x10 / corpus x1 (--jobs 2): peak RSS, sum over the process tree", tree_ratio,
                 "<= 1.2", tree_ratio <= 1.2,
                 [f"x1  {med(one['tree_peak']) / 1e6:.0f} MB {fmt_runs(one['tree_peak'], 'MB')}",
                  f"x10 {med(ten['tree_peak']) / 1e6:.0f} MB {fmt_runs(ten['tree_peak'], 'MB')}"])
    one10, two10 = med(t10["jobs1"]["wall"]), med(t10["jobs2"]["wall"])
    report.ratio("d", "corpus x10: --jobs 1 time / --jobs 2 time", one10 / two10, ">= 1.7",
                 one10 / two10 >= 1.7, [side("--jobs 1", t10["jobs1"]), side("--jobs 2", t10["jobs2"]),
                                        f"for information, the corpus once (--jobs 2): "
                                        f"{med(one['wall']):.2f} s {fmt_runs(one['wall'])}"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the 72-report .jsonl corpus")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (median; default 3)")
    parser.add_argument("--only", default="abcd",
                        help="which measurements, e.g. 'ab' (default abcd; 'a' is (a) and (a2))")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    parts = set(args.only)
    if parts - set("abcd"):
        parser.error(f"--only: unknown measurement {''.join(sorted(parts - set('abcd')))!r} (a, b, c, d)")
    if not args.corpus.exists() and parts & set("acd"):
        parser.error(f"{args.corpus}: no such corpus (pass --corpus)")
    print("reportkit benchmark (python benchmarks/run.py; see its docstring for the method)")
    for line in machine():
        print(line)
    print(f"runs: median of {args.runs}, after one untimed warm-up run of every command")
    print(f"bytecode: {compile_checkout()}\n")
    report = Report()
    if "a" in parts:
        bench_a(report, args.corpus, args.runs)
    if "b" in parts:
        bench_b(report, args.runs)
    if "c" in parts:
        bench_c(report, args.corpus, args.runs)
    if "d" in parts:
        bench_d(report, args.corpus, args.runs)
    print(f"\nload average after: {load()}")
    if report.failed:
        print(f"missed: {', '.join(sorted(set(report.failed)))}")
        return 1
    print("all bars met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
