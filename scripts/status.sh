#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Show kernel work in the prepared tree that patches/ does not hold yet.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/queue.sh"

[ -d "$DT_SRC/.git" ] || { echo "no prepared tree ($DT_SRC)"; exit 0; }
lost=$(dt_unexported)
if [ -n "$lost" ]; then
	printf '%s\n' "$DT_SRC holds work that patches/ does not:" "$lost" \
		"Commit it there, then ./run export and commit patches/."
	exit 1
fi
echo "patches/ holds all of $DT_SRC ($(dt_series | wc -l) patches)"
