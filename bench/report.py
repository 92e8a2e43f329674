"""Writes BENCHMARKS.md from the numbers bench/run.sh measured.

Usage: report.py WORKDIR BIG MID SMOKE  (markdown on stdout)
Every goal is a ratio against ripgrep or a bare stat walk (find -printf)
measured in the same hyperfine run, except the watcher's latency and the
peak memory, which are absolute.
"""

import json
import platform
import re
import subprocess
import sys
from pathlib import Path

work, big, mid, smoke = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "true"


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def results(name):
    data = json.loads((work / f"{name}.json").read_text())["results"]
    return {r["command"]: r for r in data}


def seconds(result):
    # The median: on a shared machine one slow run would move the mean.
    return result["median"]


def shown(value):
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def pick(runs, prefix):
    return next(r for name, r in runs.items() if name.startswith(prefix))


def n(count):
    return f"{count:,}"


full, noop, report = results("full"), results("noop"), results("report")
search, watched = results("search"), results("search-watch")
imports = {size: results(f"import-{size}") for size in sorted({mid, big})}
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", (work / "time.txt").read_text()).group(1))
latencies = {}
for line in (work / "latency.txt").read_text().splitlines():
    size, rest = line.split(" ", 1)
    latencies[int(size)] = float(re.search(r"median ([\d.]+) ms", rest).group(1))

daily = results("daily")
dated_vault = next(work.glob(f"vault-{mid}-daily-*"))
days = int(dated_vault.name.rsplit("-", 1)[1])


def notes(vault):
    return sum(1 for _ in vault.rglob("*.md"))


plain_notes, dated_notes = notes(work / f"vault-{mid}"), notes(dated_vault)
# The dated notes' stat cost: the no-op refresh's time per note of the
# vault without them, times how many more notes there are.
plain_noop = seconds(pick(daily, f"kith index, nothing changed ({mid})"))
stat_cost = plain_noop / plain_notes * (dated_notes - plain_notes)
daily_latency = float(re.search(r"median ([\d.]+) ms", (work / "latency-daily.txt").read_text()).group(1))

# The contract's goals (../shared/CONTRACT.md, Performance).
goals = [
    (f"full index of {n(big)} notes", "≤ 5 × rg -c -i",
     seconds(pick(full, "kith index --rebuild")) / seconds(pick(full, "rg -c")),
     lambda r: r <= 5, "{:.2f} ×"),
    (f"no-op refresh, {n(big)} notes", "≤ 1.2 × the stat walk",
     seconds(pick(noop, "kith index")) / seconds(pick(noop, "find")), lambda r: r <= 1.2, "{:.2f} ×"),
    # Against rg measured without the watcher: rg opening every note makes
    # the watcher handle as many (ignored) events, which would slow rg.
    (f"kith search, {n(mid)} notes, watcher keeping the index fresh", "≥ 20 × faster than rg -il",
     seconds(pick(search, "rg -il")) / seconds(pick(watched, "kith search")), lambda r: r >= 20,
     "{:.2f} × faster"),
    (f"kith search, {n(mid)} notes, no watcher (stat walk first)", "≤ 1.5 × the stat walk",
     seconds(pick(search, "kith search")) / seconds(pick(search, "find")), lambda r: r <= 1.5,
     "{:.2f} ×"),
    (f"kith report, {n(big)} notes", "≤ 1 × rg -c -i",
     seconds(pick(report, "kith report")) / seconds(pick(report, "rg -c")), lambda r: r <= 1, "{:.2f} ×"),
]
for size, runs in imports.items():
    goals.append((f"import vcard, {n(size)} cards into an empty vault", "≤ 2 × a full index of as many notes",
                  seconds(pick(runs, "kith import")) / seconds(pick(runs, "kith index --rebuild")),
                  lambda r: r <= 2, "{:.2f} ×"))
for size, median in sorted(latencies.items()):
    goals.append((f"save → report by kith watch, {n(size)} notes (median of saves)",
                  "≤ 300 ms" if size == 10000 else "(no goal)", median,
                  (lambda r: r <= 300) if size == 10000 else None, "{:.0f} ms"))
for what, command in (("no-op refresh", "kith index, nothing changed"), ("report", "kith report --stdout")):
    without = seconds(pick(daily, f"{command} ({mid})"))
    with_daily = seconds(pick(daily, f"{command} ({mid}, "))
    goals.append((f"{what}, {n(mid)} people and {n(dated_notes - plain_notes)} daily and meeting notes",
                   "≤ 1.1 × without them, plus their stat", with_daily / (without + stat_cost),
                   lambda r: r <= 1.1, "{:.2f} ×"))
goals.append((f"save of a daily note → report by kith watch, {n(mid)} people, {n(days)} days of daily notes",
              "≤ 300 ms" if mid == 10000 else "(no goal)", daily_latency,
              (lambda r: r <= 300) if mid == 10000 else None, "{:.0f} ms"))
goals.append((f"peak memory, full index of {n(big)} notes", "≤ 200 MB", rss_kb / 1024,
              lambda r: r <= 200, "{:.0f} MB"))

cpu = sh("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
out = []
out.append("# Benchmarks\n")
if smoke:
    out.append("**Smoke run** (1,000 notes, one pass each, debug build): it checks that "
               "`bench/run.sh` works; the goals are not judged.\n")
out.append("Made by `bench/run.sh` in one run: every kith number beside ripgrep's or a bare "
           "stat walk's (`find VAULT -type f -printf '%T@ %s %i\\n'`), measured in the same "
           "run on the same generated vault (page cache warm). Ratios are kith's median time "
           "over the other's median. The machines are shared: single runs can be "
           "slow for reasons of their own, which is why medians are compared.\n")
out.append("## Goals\n")
out.append("| measure | goal | measured | met |")
out.append("|---|---|---|---|")
for what, goal, value, met, fmt in goals:
    verdict = "—" if met is None or smoke else ("met" if met(value) else "**not met**")
    out.append(f"| {what} | {goal} | {fmt.format(value)} | {verdict} |")
out.append("\n## Times\n")
out.append("| command | median | mean ± σ | min | max | runs |")
out.append("|---|---|---|---|---|---|")
seen = set()
for runs in (full, noop, report, daily, search, watched, *imports.values()):
    for name, r in runs.items():
        key = (name, r["mean"])
        if key in seen:
            continue
        seen.add(key)
        sd = r.get("stddev") or 0.0
        out.append(f"| `{name}` | {shown(r['median'])} | {shown(r['mean'])} ± {sd * 1000:.1f} ms "
                   f"| {shown(r['min'])} | {shown(r['max'])} | {len(r['times'])} |")
for size, median in sorted(latencies.items()):
    out.append(f"| save → report, {n(size)} notes | {median:.0f} ms | | | | |")
out.append(f"| save of a daily note → report, {n(mid)} people, {n(days)} days | {daily_latency:.0f} ms | | | | |")
out.append(f"| peak RSS, `kith index --rebuild` ({n(big)}) | {rss_kb / 1024:.0f} MB | | | | 1 |")
out.append("\n## Machine\n")
out.append(f"- CPU: {cpu}, {sh('nproc')} cores; memory {mem_kb / 1024 / 1024:.0f} GiB; "
           f"{platform.system()} {platform.release()}")
out.append(f"- kith {sh('git', 'describe', '--always', '--dirty')}, {sh('rustc', '--version')}")
out.append(f"- {sh('rg', '--version').splitlines()[0]}, {sh('hyperfine', '--version')}")
out.append(f"- vaults from `examples/genvault` (seed 42): {n(big)} and {n(mid)} people, "
           "0–30 log entries each, about 2% with a defect; beside the second, the same people "
           f"with {n(days)} days of daily notes and a meeting note a week ({n(dated_notes - plain_notes)} "
           "notes, a third of their lines linking to someone); search word `sailing`; "
           "all kith commands with `--today 2026-11-24`.")
out.append(f"- address books from `examples/genvault --cards` (seed 42): {' and '.join(n(s) for s in imports)} "
           "vCard 3.0 cards, about 2% a second card of someone already in the book.")
print("\n".join(out))
