#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plot the series of scripts/tier-guest.sh (tier.dat) as a PNG.
#
#   tier-plot.sh TIER.DAT OUT.PNG TITLE
set -euo pipefail
dat=$1 png=$2 title=$3
gnuplot <<GP
set terminal pngcairo noenhanced size 1000,560 font ",10"
set output "$png"
set title "$title"
set xlabel "seconds"
set ylabel "MiB"
set y2label "node 0 used (%)"
set y2range [0:100]
set ytics nomirror
set y2tics
set key outside bottom center horizontal
set grid
plot "$dat" using 1:2 with lines lw 2 title "hot set in fast node", \
     "$dat" using 1:3 with lines lw 2 title "cold data in fast node", \
     "$dat" using 1:5 with lines dt 2 title "promoted", \
     "$dat" using 1:6 with lines dt 2 title "demoted", \
     "$dat" using 1:4 axes x1y2 with lines dt 3 title "node 0 used (%)"
GP
