#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/ip-net.sh CELLA ROOTFS CONFIG — what a user does without [network]:
# the same veth pair and addresses as bench/run.sh's "cella-net" row, made
# with ip(8) in a named network namespace around a plain `cella run` that
# joins it, then taken down. Timed by bench/run.sh as "ip-net".
set -e
ns=cbench$$
ip netns add "$ns"
ip link add cbh0 type veth peer name eth0 netns "$ns"
ip addr add 10.214.0.1/24 dev cbh0
ip link set cbh0 up
ip -n "$ns" addr add 10.214.0.2/24 dev eth0
ip -n "$ns" link set eth0 up
"$1" run --set root.path="$2" --set namespaces.net=/run/netns/"$ns" "$3" || r=$?
ip link del cbh0
ip netns del "$ns"
exit "${r:-0}"
