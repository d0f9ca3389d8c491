#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [network] (SPEC): veth (+bridge, host-address), macvlan, move, address,
# gateway, mtu, all made by cella over rtnetlink; nothing left behind.
#
# Interface names are $P + a letter, $P = "cn" + 4 digits of this run + the
# test's number: unique per test, within IFNAMSIZ, and every test ends with a
# check that no interface of its prefix is left on the host. Addresses are
# 10.213.N.0/24 and fd42:213:N::/64 (N: the test's number).
#
# The host kernel may lack the dummy driver (this one does): a veth pair
# stands in for a dummy where a plain interface to move or a macvlan parent
# is needed.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v ip >/dev/null || need_pkg iproute2
command -v strace >/dev/null || need_pkg strace
RUN=$(($$ % 10000))

# net_begin NAME: t_begin, the prefix $P, the subnets, and the leak check
# (deferred first, so it runs after the test's own clean-ups).
net_begin() {
	t_begin "$1"
	P=cn$RUN$T_N V4=10.213.$T_N V6=fd42:213:$T_N
	t_defer net_leaks
}

# Interfaces of this test's prefix on the host.
net_ifs() { ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep "^$P" | sort | xargs; }

# Those of them the test did not make itself.
net_extra() {
	local i
	for i in $(net_ifs); do
		case " $KEEP " in *" $i "*) ;; *) echo "$i" ;; esac
	done
}

net_leaks() {
	local i n=0
	# (A namespace dies in the background: its veth ends go a bit later.)
	while [ -n "$(net_extra)" ] && [ $n -lt 60 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	for i in $(net_extra); do
		t_fail "leak: interface $i left on the host"
		ip link del "$i" 2>/dev/null
	done
	for i in $KEEP; do ip link del "$i" 2>/dev/null; done
	KEEP=
}
KEEP=

# keep IF...: interfaces the test made on the host (deleted at its end).
keep() { KEEP="$KEEP $*"; }

# base NAME: the INI's common part, with net_raw for busybox ping.
base() {
	cat <<EOF
[container]
name = $1-$T_MARK
[root]
path = $ROOTFS
[capabilities]
keep = default net_raw
EOF
}

# ---- check ----------------------------------------------------------------

net_begin "check: names of interfaces and [network] without a namespace of its own"
for bad in "veth = 0123456789abcdef" "move = a/b" "move = x .." "macvlan = eth0 %d" "bridge = a:b"; do
	mkini bad <<EOF
$(base bad)
[process]
exec = /bin/true
[network]
$bad
EOF
	c_run check "$INI"
	t_rc 125
	t_one_line "^cella: $INI:10: bad value .* is not an interface name"
done
for ns in no /proc/self/ns/net; do
	mkini nons <<EOF
$(base nons)
[process]
exec = /bin/true
[namespaces]
net = $ns
[network]
veth = ${P}h
EOF
	c_run check "$INI"
	t_rc 125
	t_one_line "^cella: $INI:12: \[network\] needs namespaces.net = yes$"
done

# ---- veth ------------------------------------------------------------------

net_begin "veth: host and container ping each other; mtu on both ends; all gone at the end"
mkini veth <<EOF
$(base veth)
[process]
exec = /bin/sh -c 'cat /sys/class/net/eth0/mtu; ping -c1 -W3 $V4.1 >/dev/null && echo pinged; exec sleep 30'
[network]
veth = ${P}h
host-address = $V4.1/24
address = $V4.2/24
mtu = 1400
EOF
c_bg run "$INI"
t_wait_for 10 busybox ping -c1 -W1 "$V4.2" >/dev/null || t_fail "the host cannot ping the container"
t_eq 1400 "$(cat "/sys/class/net/${P}h/mtu" 2>/dev/null)" "mtu of the host end"
c_run kill "veth-$T_MARK" KILL
c_wait "$BG"
t_eq $'1400\npinged' "$OUT" "inside: mtu, and the ping to the host"
t_eq "" "$(net_ifs)" "interfaces of the test on the host after the end"

net_begin "veth on a bridge reaches another container on the same bridge"
ip link add "${P}br" type bridge && ip link set "${P}br" up && keep "${P}br"
mkini a <<EOF
$(base a)
[process]
exec = /bin/sleep 30
[network]
veth = ${P}a
bridge = ${P}br
address = $V4.2/24
EOF
c_bg run "$INI"
A=$BG
t_wait_for 10 test -e "/sys/class/net/${P}br/brif/${P}a" || t_fail "${P}a did not join ${P}br"
mkini b <<EOF
$(base b)
[process]
exec = /bin/ping -c1 -W5 $V4.2
[network]
veth = ${P}b
bridge = ${P}br
address = $V4.3/24
EOF
c_run run "$INI"
t_rc 0
t_contains "1 packets received" "$OUT" "ping from b to a"
c_run kill "a-$T_MARK" KILL
c_wait "$A"
t_eq "${P}br" "$(net_ifs)" "interfaces left: the bridge only"

net_begin "IPv6 address and IPv4 and IPv6 default routes inside"
mkini v6 <<EOF
$(base v6)
[process]
exec = /bin/sh -c 'grep inner /proc/net/if_inet6; grep "^0\{32\} 00 .* inner" /proc/net/ipv6_route; grep "^inner	00000000	" /proc/net/route'
[network]
veth = ${P}h inner
address = $V6::2/64
address = $V4.2/24
gateway = $V6::1
gateway = $V4.1
EOF
c_run run "$INI"
t_rc 0
h=fd420213$(printf %04x "$T_N")0000000000000000000
t_match "${h}2 [0-9a-f]+ 40 00 [0-9a-f]+ +inner" "$OUT" "IPv6 address"
t_match "${h}1 [0-9a-f ]+inner" "$OUT" "IPv6 default route"
t_match "inner	00000000	01$(printf %02X "$T_N")D50A" "$OUT" "IPv4 default route"
t_eq "" "$(net_ifs)" "interfaces on the host"

net_begin "configs/examples/web-bridge.ini: httpd behind a bridge answers the host over IPv4 and IPv6"
ip link add "${P}br" type bridge && ip addr add "$V4.1/24" dev "${P}br" &&
	ip addr add "$V6::1/64" dev "${P}br" nodad && ip link set "${P}br" up && keep "${P}br"
mkdir -p "$T_DIR/htdocs" && echo "hello $T_MARK" >"$T_DIR/htdocs/index.html"
# (/mnt: the test rootfs has no /var/www, and the root is read-only)
sed -e "s#^path = .*#path = $ROOTFS#" -e "s#/srv/web/htdocs#$T_DIR/htdocs#" -e "s#/var/www#/mnt#g" \
	-e "s#^veth = web0#veth = ${P}w#" -e "s#br-lan#${P}br#" -e "s#192\.168\.1\.#$V4.#" \
	-e "s#fd00:1::#$V6::#" "$T_TOP/configs/examples/web-bridge.ini" >"$T_DIR/web-bridge.ini"
c_bg run "$T_DIR/web-bridge.ini"
t_wait_for 10 busybox wget -q -O /dev/null "http://$V4.80/" || t_fail "no answer from http://$V4.80/"
t_eq "hello $T_MARK" "$(busybox wget -q -O- "http://$V4.80/index.html" 2>&1)" "the page over IPv4"
t_eq "hello $T_MARK" "$(busybox wget -q -O- "http://[$V6::80]/index.html" 2>&1)" "the page over IPv6"
t_match "master ${P}br" "$(ip -o link show "${P}w" 2>&1)" "${P}w on the bridge"
c_run stop web-bridge
c_wait "$BG"
t_eq "${P}br" "$(net_ifs)" "interfaces left: the bridge only"

# ---- macvlan ---------------------------------------------------------------

net_begin "macvlan on a host interface, mode and mtu, reaching the parent's peer"
ip link add "${P}p" type veth peer name "${P}q" && ip link set "${P}p" up &&
	ip addr add "$V4.1/24" dev "${P}q" && ip link set "${P}q" up && keep "${P}p ${P}q"
mkini mv <<EOF
$(base mv)
[process]
exec = /bin/sh -c 'ls /sys/class/net | xargs; cat /sys/class/net/mv0/mtu; ping -c1 -W5 $V4.1 >/dev/null && echo pinged'
[network]
macvlan = ${P}p mv0 private
address = $V4.2/24
mtu = 1300
EOF
c_run run "$INI"
t_rc 0
t_eq $'lo mv0\n1300\npinged' "$OUT" "inside"
t_eq "${P}p ${P}q" "$(net_ifs)" "interfaces on the host after the end"

# ---- move ------------------------------------------------------------------

net_begin "move: an interface goes in under another name and comes back with its name, index and state"
ip link add "${P}m" type veth peer name "${P}n" && ip link set "${P}m" up && keep "${P}m ${P}n"
idx=$(cat "/sys/class/net/${P}m/ifindex")
mkini mv <<EOF
$(base mv)
[process]
exec = /bin/sh -c 'ls /sys/class/net | xargs; cat /sys/class/net/${P}i/operstate /sys/class/net/${P}i/mtu'
[network]
move = ${P}m ${P}i
address = $V4.2/24
EOF
c_run run "$INI"
t_rc 0
t_match "^${P}i lo"$'\n'"(up|down|lowerlayerdown)"$'\n'"1500$" "$OUT" "inside"
t_eq "$idx" "$(cat "/sys/class/net/${P}m/ifindex" 2>/dev/null)" "index of ${P}m back on the host"
t_match "UP" "$(ip -o link show "${P}m" 2>/dev/null)" "${P}m is up again"

net_begin "move: renamed and its mtu changed by the workload inside, it still comes back under its own name and mtu"
ip link add "${P}m" type veth peer name "${P}n" && keep "${P}m ${P}n"
idx=$(cat "/sys/class/net/${P}m/ifindex")
mkini mvr <<EOF
$(base mvr | sed 's/^keep = .*/keep = default net_admin/')
[process]
exec = /bin/sh -c 'ip link set ${P}i down && ip link set ${P}i name ${P}r mtu 1280 && ls /sys/class/net | xargs && cat /sys/class/net/${P}r/mtu'
[network]
move = ${P}m ${P}i
EOF
c_run run "$INI"
t_rc 0
t_eq "${P}r lo"$'\n'1280 "$OUT" "inside, after the rename and the new mtu"
t_eq "$idx" "$(cat "/sys/class/net/${P}m/ifindex" 2>/dev/null)" "${P}m back on the host"
t_eq 1500 "$(cat "/sys/class/net/${P}m/mtu" 2>/dev/null)" "mtu of ${P}m back on the host"

net_begin "move and kill -9 of cella: the state records it; list renames what came back under the inside name"
ip link add "${P}m" type veth peer name "${P}n" && keep "${P}m ${P}n"
mkini k9 <<EOF
$(base k9)
[process]
exec = /bin/sleep 30
[network]
move = ${P}m ${P}i
EOF
c_bg run "$INI"
sd=$CELLA_STATE_DIR/k9-$T_MARK
t_wait_for 10 test -s "$sd/net" || t_fail "no $sd/net"
rec=$(cat "$sd/net" 2>/dev/null)
kill -9 "$BG"
c_wait "$BG"
# A veth is virtual: it dies with the namespace, its peer with it. A
# physical NIC would come back under its inside name; one made with that
# name and index stands in for it (no physical NIC to spare in a test),
# made a moment after list started: the kernel frees a namespace in the
# background, and list waits a little for what it expects back.
t_wait_for 5 test ! -e "/sys/class/net/${P}n" || t_fail "${P}n outlived the namespace"
read -r ri rup rin rname <<<"$rec"
t_eq "${P}i ${P}m 0" "$rin $rname $rup" "record of the move"
c_bg list
sleep 0.3
ip link add "${P}i" index "$ri" type veth peer name "${P}n" && keep "${P}n ${P}m ${P}i"
c_wait "$BG"
t_rc 0
t_eq "$ri" "$(cat "/sys/class/net/${P}m/ifindex" 2>/dev/null)" "${P}i renamed back to ${P}m by list"
t_file_absent "$sd"

net_begin "move and kill -9: the next run of the container renames back"
ip link add "${P}m" type veth peer name "${P}n" && keep "${P}m ${P}n"
mkini k9 <<EOF
$(base k9)
[process]
exec = /bin/sleep 30
[network]
move = ${P}m ${P}i
EOF
c_bg run "$INI"
sd=$CELLA_STATE_DIR/k9-$T_MARK
t_wait_for 10 test -s "$sd/net" || t_fail "no $sd/net"
read -r ri _ <"$sd/net"
kill -9 "$BG"
c_wait "$BG"
t_wait_for 5 test ! -e "/sys/class/net/${P}n" || t_fail "${P}n outlived the namespace"
ip link add "${P}i" index "$ri" type veth peer name "${P}n" && keep "${P}n ${P}m ${P}i"
c_run run "$INI" -- /bin/true
t_rc 0
t_eq "$ri" "$(cat "/sys/class/net/${P}m/ifindex" 2>/dev/null)" "${P}i renamed back to ${P}m by run"

# ---- failures --------------------------------------------------------------

net_begin "collisions and missing interfaces: one line naming the interface, 125, nothing left"
ip link add "${P}x" type veth peer name "${P}y" && keep "${P}x ${P}y"
for net in "veth = ${P}x" "veth = ${P}h
bridge = ${P}nob" "macvlan = ${P}nop" "move = ${P}nom" "veth = ${P}h
address = $V4.2/24
address = $V4.2/24"; do
	mkini bad <<EOF
$(base bad)
[process]
exec = /bin/true
[network]
$net
EOF
	c_run run "$INI"
	t_rc 125
	t_one_line "^cella: bad-$T_MARK: network: .*(${P}(x|nob|nop|nom|h|i)|address on eth0).*: .*"
	t_eq "${P}x ${P}y" "$(net_ifs)" "interfaces after '${net//$'\n'/; }'"
done

net_begin "faults in every netlink send: one line, 125, no interface left, moved ones back"
ip link add "${P}br" type bridge && ip link add "${P}m" type veth peer name "${P}n" &&
	ip link add "${P}p" type veth peer name "${P}q" && keep "${P}br ${P}m ${P}n ${P}p ${P}q"
mkini f <<EOF
$(base f)
[process]
exec = /bin/true
[network]
veth = ${P}h
bridge = ${P}br
host-address = $V4.1/24
macvlan = ${P}p mv0
move = ${P}m ${P}i
address = $V4.2/24
address = $V6::2/64
gateway = $V4.1
gateway = $V6::1
EOF
# cella's sends (strace without -f: the child's own go to the sync socket):
# the setup's netlink requests, GO to the child, then two requests at the
# end (the move back, the host end's deletion), whose failure is a warning.
c_capture strace -o "$T_DIR/trace" -e trace=sendto "$CELLA" run "$INI"
t_rc 0
go=$(grep -n 'sendto(' "$T_DIR/trace" | grep -m1 -v nlmsg_len | cut -d: -f1)
t_eq 2 "$(sed -n "$((go + 1)),\$p" "$T_DIR/trace" | grep -c 'sendto(.*nlmsg_len')" "netlink sends at the end"
[ "${go:-0}" -ge 16 ] || t_fail "GO is send ${go:-?}: expected 15 netlink sends before it"
for ((n = 1; n <= go; n++)); do
	c_capture strace -o /dev/null -e trace=sendto -e inject=sendto:error=ENOBUFS:when=$n "$CELLA" run "$INI"
	t_rc 125 || break
	t_one_line "^cella: f-$T_MARK: (network|container setup): .*No buffer space available$"
	t_eq "${P}br ${P}m ${P}n ${P}p ${P}q" "$(net_ifs)" "interfaces after a fault in send $n"
	[ -d "$CELLA_STATE_DIR/f-$T_MARK" ] && t_fail "state dir left after a fault in send $n"
done
# The replies too, and the other calls of the setup: the host's socket,
# the helper that makes the socket inside (its clone, its setns).
for ((n = 1; n < go; n++)); do
	c_capture strace -o /dev/null -e trace=recvfrom -e inject=recvfrom:error=ENOBUFS:when=$n "$CELLA" run "$INI"
	t_rc 125 || break
	t_one_line "^cella: f-$T_MARK: network: .*No buffer space available$"
	t_eq "${P}br ${P}m ${P}n ${P}p ${P}q" "$(net_ifs)" "interfaces after a fault in reply $n"
done
# (-f: the helper's setns, counted per process: the first is the helper's;
# its socket cannot be told from cella's first by the count, and fails the
# same way.)
for f in "|socket:error=EMFILE:when=1" "|clone:error=EAGAIN:when=2" "-f|setns:error=EPERM:when=1"; do
	c_capture strace ${f%%|*} -o /dev/null -e inject="${f#*|}" "$CELLA" run "$INI"
	t_rc 125
	t_one_line "^cella: f-$T_MARK: network: "
	t_eq "${P}br ${P}m ${P}n ${P}p ${P}q" "$(net_ifs)" "interfaces after $f"
	[ -d "$CELLA_STATE_DIR/f-$T_MARK" ] && t_fail "state dir left after $f"
done
t_eq "${P}br ${P}m ${P}n ${P}p ${P}q" "$(net_ifs)" "interfaces at the end"
