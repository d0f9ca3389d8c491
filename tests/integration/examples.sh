#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The shipped example files stay valid: each passes `cella check` once its
# root path points at a real root filesystem.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

for f in "$T_TOP"/configs/examples/*.ini "$T_TOP"/configs/demo.ini "$T_TOP"/configs/bench.ini; do
	t_begin "configs/${f#"$T_TOP"/configs/} passes cella check"
	sed "s#^path = .*#path = $ROOTFS#; s#^bind = [^ ]*#bind = $ROOTFS#" "$f" >"$T_DIR/$(basename "$f")"
	c_run check "$T_DIR/$(basename "$f")"
	t_rc 0
done
