#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Exit statuses (SPEC "Exit status"): the workload's status passes through,
# 128+S for a signal, 126 for a program that cannot be executed, 127 for one
# that does not exist.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

for init in yes no; do
	for n in 0 1 7 255; do
		t_begin "exit status $n passes through (init=$init)"
		mkini exit <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo ran; exit $n'
init = $init
EOF
		c_run run "$INI"
		t_rc "$n"
		t_eq ran "$OUT" "workload output"
	done
done

t_begin "kill -9 of itself is 137 (init=yes, workload is PID 2)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -9 \$\$; echo survived'
init = yes
EOF
c_run run "$INI"
t_rc 137
t_eq "" "$OUT" "workload output"

t_begin "kill -TERM of itself is 143 (init=yes)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -TERM \$\$; echo survived'
init = yes
EOF
c_run run "$INI"
t_rc 143
t_eq "" "$OUT" "workload output"

# A pid namespace's init cannot be killed from inside it, so the self-kill
# cases for init=no run without a pid namespace.
t_begin "kill -9 of itself is 137 (init=no, pid=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -9 \$\$; echo survived'
init = no
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 137
t_eq "" "$OUT" "workload output"

t_begin "kill -TERM of itself is 143 (init=no, pid=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -TERM \$\$; echo survived'
init = no
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 143
t_eq "" "$OUT" "workload output"

t_begin "SIGKILL from the host to a PID 1 workload is 137 (init=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
init = no
EOF
c_bg run "$INI"
if pid=$(marker_pid "/bin/sh "); then
	kill -KILL "$pid"
else
	t_fail "the workload never appeared"
fi
c_wait "$BG" 10
t_rc 137

t_begin "a program that is not executable is 126 with one line"
mkdir -p "$T_DIR/share"
printf '#!/bin/sh\necho ran\n' >"$T_DIR/share/script.sh"
chmod 644 "$T_DIR/share/script.sh"
mkini noexec <<EOF
[root]
path = $ROOTFS
[process]
exec = /mnt/script.sh
[mounts]
bind = $T_DIR/share /mnt
EOF
c_run run "$INI"
t_rc 126
t_one_line '/mnt/script\.sh'
t_eq "" "$OUT" "workload output"

t_begin "a missing program is 127 with one line"
mkini missing <<EOF
[root]
path = $ROOTFS
[process]
exec = /no/such/program-$T_MARK
EOF
c_run run "$INI"
t_rc 127
t_one_line "/no/such/program-$T_MARK"

t_begin "a program missing from PATH is 127 with one line"
mkini missing <<EOF
[root]
path = $ROOTFS
[process]
exec = no-such-program-$T_MARK
EOF
c_run run "$INI"
t_rc 127
t_one_line "no-such-program-$T_MARK"

t_begin "a program found through PATH runs"
mkini path <<EOF
[root]
path = $ROOTFS
[process]
exec = echo found
EOF
c_run run "$INI"
t_rc 0
t_eq found "$OUT" "workload output"

# A missing #! interpreter or ELF loader makes execve say ENOENT, as if the
# program itself were missing: the program exists, so it is 126 (SPEC: "bad
# interpreter"), with a line that says what is missing.
bad_interp_ini() {
	mkdir -p "$T_DIR/share"
	mkini badinterp <<EOF
[root]
path = $ROOTFS
[process]
exec = $1
env = PATH=/mnt:/bin
[mounts]
bind = $T_DIR/share /mnt
EOF
}

for prog in /mnt/script.sh script.sh; do
	t_begin "a script whose #! interpreter is missing is 126, naming it ($prog)"
	bad_interp_ini "$prog"
	printf '#!/nonexistent-%s -x\necho ran\n' "$T_MARK" >"$T_DIR/share/script.sh"
	chmod 755 "$T_DIR/share/script.sh"
	c_run run "$INI"
	t_rc 126
	t_one_line "exec /mnt/script\\.sh: bad interpreter /nonexistent-$T_MARK: No such file or directory\$"
	t_eq "" "$OUT" "workload output"
done

t_begin "a DOS line end in the #! line is shown (^M), 126"
bad_interp_ini /mnt/dos.sh
printf '#!/bin/sh\r\necho ran\r\n' >"$T_DIR/share/dos.sh"
chmod 755 "$T_DIR/share/dos.sh"
c_run run "$INI"
t_rc 126
t_one_line 'exec /mnt/dos\.sh: bad interpreter /bin/sh\^M: No such file or directory$'

t_begin "an ELF whose dynamic loader is missing is 126, naming the loader"
bad_interp_ini /mnt/true
# The host's dynamically linked true(1): the busybox rootfs has no loader.
cp "$(type -P true)" "$T_DIR/share/true"
loader=$(readelf -l "$T_DIR/share/true" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p')
if [ -z "$loader" ]; then
	t_fail "the host's true(1) is not dynamically linked"
elif [ -e "$ROOTFS$loader" ]; then
	t_fail "the rootfs has $loader"
fi
c_run run "$INI"
t_rc 126
t_one_line "exec /mnt/true: bad ELF interpreter \\(dynamic loader\\) $loader: No such file or directory\$"
# The loader's path is the file's (the container's): a newline in it is
# shown as ^J, not a second line.
python3 - "$T_DIR/share/true" "$loader" <<'EOF'
import sys
path, loader = sys.argv[1], sys.argv[2].encode()
data = open(path, 'rb').read()
open(path, 'wb').write(data.replace(loader + b'\0', loader[:-1] + b'\n\0', 1))
EOF
c_run run "$INI"
t_rc 126
t_one_line "exec /mnt/true: bad ELF interpreter \\(dynamic loader\\) ${loader%?}\\^J: No such file or directory\$"

t_begin "a dangling symlink as the program is 127"
bad_interp_ini /mnt/link
ln -s "/nonexistent-$T_MARK" "$T_DIR/share/link"
c_run run "$INI"
t_rc 127
t_one_line 'exec /mnt/link: No such file or directory$'

t_begin "cella exec of a script whose #! interpreter is missing is 126"
bad_interp_ini "/bin/sh -c 'sleep 1000; : $T_MARK'"
printf '#!/nonexistent-%s\necho ran\n' "$T_MARK" >"$T_DIR/share/script.sh"
chmod 755 "$T_DIR/share/script.sh"
c_run run -d "$INI"
t_rc 0
c_run exec badinterp /mnt/script.sh
t_rc 126
t_one_line "exec /mnt/script\\.sh: bad interpreter /nonexistent-$T_MARK: No such file or directory\$"
c_run exec badinterp /mnt/nonexistent
t_rc 127
c_run stop badinterp --timeout 1s
t_rc 0
