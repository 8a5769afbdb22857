#!/usr/bin/env bash
# bench-preview: wall time and CPU time (user+sys of notifyctl and every engine process it ran)
# of `notifyctl preview --stack dev` against `notifyctl preview --all` (dev, staging and
# production at once) in the simulated cloud, and the ratio issue 11 targets (all / single wall,
# at most 1.3 on a 2-core runner). Usage: tools/bench-preview.sh [rounds] (default 5); run by
# `make bench-preview`. The previews run in a fresh state folder (never deployed: every resource
# is a create), one round warms it up (stacks created, caches filled) and is not counted; the
# single and --all runs alternate so load from other work on the machine hits both alike.
# CPU-seconds are the figure to compare between machines and busy moments: wall time on a shared
# runner moves with everything else running; the load average is printed beside the figures.
set -euo pipefail

rounds=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
notifyctl=${NOTIFYCTL:-$root/.tooling/bin/notifyctl}
[ -x "$notifyctl" ] || { echo "bench-preview: no notifyctl at $notifyctl: run make notifyctl" >&2; exit 2; }
case $rounds in '' | *[!0-9]* | 0) echo "bench-preview: rounds: got '$rounds', want a positive integer" >&2; exit 2 ;; esac

state=$(mktemp -d "${TMPDIR:-/tmp}/bench-preview.XXXXXX")
trap 'rm -rf "$state"' EXIT
timing="$state/timing"

# run <label> <args...>: one preview; prints "<label> <wall> <cpu>" (seconds).
run() {
	local label=$1
	shift
	if ! /usr/bin/time -o "$timing" -f "%e %U %S" "$notifyctl" preview "$@" --cloud sim \
		--project-dir "$root" --state-dir "$state/state" >"$state/out" 2>"$state/err"; then
		echo "bench-preview: notifyctl preview $* failed:" >&2
		tail -20 "$state/err" >&2
		exit 1
	fi
	awk -v l="$label" 'END { printf "%s %.2f %.2f\n", l, $1, $2 + $3 }' "$timing"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
run warmup --all >/dev/null
results="$state/results"
for i in $(seq "$rounds"); do
	run single --stack dev | tee -a "$results"
	run all --all | tee -a "$results"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# median of column $2 for label $1
median() {
	awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$results" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
sw=$(median single 2)
sc=$(median single 3)
aw=$(median all 2)
ac=$(median all 3)
echo
echo "median of $rounds rounds      wall (s)  CPU user+sys (s)"
printf "single (--stack dev)    %8s  %8s\n" "$sw" "$sc"
printf "all (dev,staging,prod)  %8s  %8s\n" "$aw" "$ac"
awk -v sw="$sw" -v aw="$aw" -v sc="$sc" -v ac="$ac" 'BEGIN {
	printf "ratio all/single        %8.2f  %8.2f   (issue 11: wall ratio <= 1.3)\n", aw / sw, ac / sc }'
