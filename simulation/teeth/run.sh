#!/usr/bin/env bash
# Proves the simulator has teeth: for each patch beside this script (each
# reverts one fix of docs/reliability.md), a worktree of HEAD with the patch
# applied runs the simulator's default run (300 schedules) for seeds 1, 2, 3…
# until one breaks an invariant, and prints which seed, after how many
# schedules, and what broke. Not part of npm test: it runs the simulator
# against code that is wrong on purpose.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
runs=${RUNS:-300}
seeds=${SEEDS:-1 2 3 4 5 6 7 8}
for patch in "$here"/*.patch; do
  dir=$(mktemp -d)
  git -C "$repo" worktree add -q --detach "$dir" HEAD
  ln -s "$repo/node_modules" "$dir/node_modules"
  if ! git -C "$dir" apply "$patch"; then
    echo "$(basename "$patch"): does not apply to HEAD any more"
  else
    found=""
    for seed in $seeds; do
      out=$(cd "$dir" && npx tsx simulation/run.ts --runs "$runs" --seed "$seed" 2>&1)
      line=$(printf '%s\n' "$out" | tail -n 1)
      if [[ $line != *" 0 invariant violations"* ]]; then
        broken=$(printf '%s\n' "$out" | sed -n '/^Invariants broken:/,/^(/p' | sed -n '2p')
        found="$line —${broken}"
        break
      fi
    done
    echo "$(basename "$patch"): ${found:-not found with seeds $seeds}"
  fi
  git -C "$repo" worktree remove --force "$dir"
done
