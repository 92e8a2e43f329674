#!/usr/bin/env bash
# The benchmark: kith against ripgrep on generated vaults, in one run, and
# BENCHMARKS.md written from the numbers (contract goals as ratios).
#
#   bench/run.sh            full run: 1,000 / 10,000 / 100,000 people, and
#                           address books of 10,000 and 100,000 cards
#   bench/run.sh --smoke    1,000 people and cards, one pass each, debug
#                           build, no goals judged, written to
#                           target/bench/BENCHMARKS.smoke.md (CI runs this)
#
# Needs ripgrep and hyperfine (installed from Debian's packages when
# missing and run as root) and python3 for the arithmetic.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
[[ "${1:-}" == "--smoke" ]] && smoke=true

WORD=sailing
TODAY=2026-11-24
work=target/bench
mkdir -p "$work"

need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null && return
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "bench: installing $2 from Debian's packages" >&2
        apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
    else
        echo "bench: $1 is missing; install the $2 package" >&2
        exit 2
    fi
}
need rg ripgrep
need hyperfine hyperfine
need python3 python3
[[ -x /usr/bin/time ]] || need /usr/bin/time time

# The smoke run reuses the debug build the tests made (CI builds once);
# the real one measures the release-lto build, as installed.
if $smoke; then
    profile=(); bin=debug
else
    profile=(--profile release-lto); bin=release-lto
fi
cargo build "${profile[@]}" --locked --quiet --bins --examples
kith=$PWD/target/$bin/kith
genvault=$PWD/target/$bin/examples/genvault
latency=$PWD/target/$bin/examples/watch_latency

if $smoke; then
    sizes=(1000)
    runs=(--runs 1)
    heavy=(--runs 1)
else
    sizes=(1000 10000 100000)
    runs=(--warmup 2 --runs 10)
    heavy=(--warmup 1 --runs 3)
fi
big=${sizes[-1]}
mid=${sizes[$(( ${#sizes[@]} > 1 ? 1 : 0 ))]}

vault() { echo "$work/vault-$1"; }
# Beside the middle size, the same people with ten years of daily notes
# (and the week ahead) and a meeting note a week that mention them.
days=3650
$smoke && days=365
dated=${sizes[$(( ${#sizes[@]} > 1 ? 1 : 0 ))]}-daily-$days
for n in "${sizes[@]}" "$dated"; do
    if [[ ! -d $(vault "$n")/people ]]; then
        echo "bench: generating $n people" >&2
        if [[ $n == "$dated" ]]; then
            "$genvault" "$(vault "$n")" "${n%%-*}" 42 "$days"
        else
            "$genvault" "$(vault "$n")" "$n" 42
        fi
    fi
    rm -rf "$(vault "$n")/.kith/index" "$(vault "$n")/Follow-ups.md"
    # Warm the page cache the same way for every tool.
    rg -c -i "$WORD" "$(vault "$n")" >/dev/null || true
done

B=$(vault "$big")
M=$(vault "$mid")
D=$(vault "$dated")
k() { echo "$kith --vault $1 --today $TODAY"; }
json() { echo "$work/$1.json"; }

echo "bench: full index against rg, no-op refresh against a stat walk, on $big notes" >&2
hyperfine -N "${heavy[@]}" --export-json "$(json full)" \
    -n "rg -c -i $WORD ($big)" "rg -c -i $WORD $B" \
    -n "kith index --rebuild ($big)" "$(k "$B") index --rebuild" >&2
# The floor of a fresh answer without a watcher: a stat of every note
# (an in-place edit changes no folder), as bare as it gets.
walk() { echo "find $1 -type f -printf '%T@ %s %i\n'"; }
hyperfine -N "${runs[@]}" --export-json "$(json noop)" \
    -n "find stat walk ($big)" "$(walk "$B")" \
    -n "kith index, nothing changed ($big)" "$(k "$B") index" >&2

echo "bench: report on $big notes" >&2
hyperfine -N "${runs[@]}" --export-json "$(json report)" \
    -n "rg -c -i $WORD ($big)" "rg -c -i $WORD $B" \
    -n "kith report --stdout ($big)" "$(k "$B") report --stdout" >&2

echo "bench: no-op refresh and report of $mid people, without and with daily notes" >&2
"$kith" --vault "$M" index >/dev/null 2>&1
"$kith" --vault "$D" index >/dev/null 2>&1
hyperfine -N "${runs[@]}" --export-json "$(json daily)" \
    -n "kith index, nothing changed ($mid)" "$(k "$M") index" \
    -n "kith index, nothing changed ($mid, $days days of daily notes)" "$(k "$D") index" \
    -n "kith report --stdout ($mid)" "$(k "$M") report --stdout" \
    -n "kith report --stdout ($mid, $days days of daily notes)" "$(k "$D") report --stdout" >&2

echo "bench: search on $mid notes, without and with a watcher" >&2
"$kith" --vault "$M" index >/dev/null 2>&1
hyperfine -N "${runs[@]}" --export-json "$(json search)" \
    -n "rg -il $WORD ($mid)" "rg -il $WORD $M" \
    -n "find stat walk ($mid)" "$(walk "$M")" \
    -n "kith search $WORD ($mid)" "$(k "$M") search $WORD" >&2
$(k "$M") watch --quiet &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
while [[ ! -f $M/Follow-ups.md ]]; do sleep 0.1; done
# Alone, once the watcher is idle: rg beside it would make the watcher
# handle an event for every note rg opens (the ratio uses rg from above).
sleep 2
# A few milliseconds each: many runs, so the median is not one process's
# bad luck on a shared machine.
quick=("${runs[@]}")
$smoke || quick=(--warmup 10 --runs 100)
hyperfine -N "${quick[@]}" --export-json "$(json search-watch)" \
    -n "kith search $WORD, watcher running ($mid)" "$(k "$M") search $WORD" >&2
kill "$watcher"
wait "$watcher" 2>/dev/null || true
trap - EXIT

echo "bench: import of address books against a full index of as many notes" >&2
# Each run imports into a vault of its own, all removed only at the end:
# removing thousands of notes just before makes ext4 slow to create new
# files for a minute or more (it skips recently freed inodes; twice as
# slow for 100,000 cards after 40,000 notes removed), which a user
# importing an address book never meets.
sizes_imported=$(printf '%s\n' "$mid" "$big" | sort -un)
for n in $sizes_imported; do
    cards=$work/cards-$n.vcf
    [[ -f $cards ]] || "$genvault" --cards "$cards" "$n" 42
    into=$work/import-$n
    hyperfine -N "${heavy[@]}" --export-json "$(json "import-$n")" \
        --prepare "bash -c 'mkdir -p $into && cd $into && { [[ ! -d now ]] || mv now was-\$RANDOM\$RANDOM; } && mkdir -p now/.kith now/people'" \
        -n "kith index --rebuild ($n)" "$(k "$(vault "$n")") index --rebuild" \
        -n "kith import vcard, $n cards" "$kith --vault $into/now --today $TODAY import vcard $cards" >&2
done
for n in $sizes_imported; do rm -rf "$work/import-$n"; done

echo "bench: peak memory of a full index of $big notes" >&2
/usr/bin/time -v $(k "$B") index --rebuild 2> "$work/time.txt" >/dev/null

echo "bench: save-to-report latency of kith watch" >&2
saves=20
$smoke && saves=3
: > "$work/latency.txt"
for n in "${sizes[@]}"; do
    [[ $n == 100000 ]] && continue
    rm -rf "$(vault "$n")/.kith/index"
    "$latency" "$kith" "$(vault "$n")" "$saves" | tail -1 |
        sed "s/^/$n /" >> "$work/latency.txt"
done
rm -rf "$D/.kith/index"
"$latency" "$kith" "$D" "$saves" daily | tail -1 > "$work/latency-daily.txt"

out=BENCHMARKS.md
$smoke && out=$work/BENCHMARKS.smoke.md
python3 bench/report.py "$work" "$big" "$mid" "$smoke" > "$out"
echo "bench: wrote $out" >&2
