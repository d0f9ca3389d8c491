#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# scripts/strerror-table.py — the message table of src/strerror.c.
#
# Reads "ERRNO<TAB>MESSAGE" lines on stdin, one for each errno the C
# library has a message for (musl: the probe below), and rewrites the
# table between the BEGIN/END lines of src/strerror.c:
#
#   printf '#include <stdio.h>\n#include <string.h>\nint main(void){for(int i=0;i<4096;i++)printf("%%d\\t%%s\\n",i,strerror(i));}\n' |
#     musl-gcc -static -x c -o /tmp/se - && /tmp/se | scripts/strerror-table.py
#
# The table: the messages NUL-separated in errno order (an errno without
# a message of its own is an empty string, and gets errno 0's), then a
# dictionary: a byte 0x80 + K in a message stands for dictionary entry K,
# which may itself hold such bytes. The entries are chosen greedily, each
# the substring that saves the most bytes at that point.
import re
import sys

msgs = {}
for line in sys.stdin:
    k, v = line.rstrip("\n").split("\t", 1)
    msgs[int(k)] = v
unknown = msgs[0]
n = max(k for k, v in msgs.items() if v != unknown) + 1
texts = [list(msgs[0])] + [list(msgs[i]) if msgs[i] != unknown else [] for i in range(1, n)]

dic = []
while len(dic) < 128:
    cnt = {}
    for t in texts + dic:
        for i in range(len(t)):
            for L in range(2, min(24, len(t) - i) + 1):
                sub = tuple(t[i:i + L])
                cnt[sub] = cnt.get(sub, 0) + 1
    best = max(cnt.items(), key=lambda kv: (kv[1] * (len(kv[0]) - 1) - len(kv[0]) - 1, repr(kv[0])))
    sub, c = best
    if c * (len(sub) - 1) - len(sub) - 1 <= 0:
        break
    code = 0x80 + len(dic)

    def repl(t):
        out, i = [], 0
        while i < len(t):
            if tuple(t[i:i + len(sub)]) == sub:
                out.append(code)
                i += len(sub)
            else:
                out.append(t[i])
                i += 1
        return out

    texts = [repl(t) for t in texts]
    dic = [repl(d) for d in dic] + [list(sub)]


def lit(t):
    s = ""
    for x in t:
        if isinstance(x, int):
            s += "\\%03o" % x
        elif x in '"\\':
            s += "\\" + x
        else:
            s += x
    return '\t"' + s + '\\0"'


def expand(t):
    return "".join(x if isinstance(x, str) else expand(dic[x - 0x80]) for x in t)


longest = max(len(expand(t)) for t in texts)
out = ["/* BEGIN TABLE (scripts/strerror-table.py) */",
       "#define NMSG %d /* errno 0 to %d */" % (n, n - 1),
       "#define MAXMSG %d /* the longest message */" % longest,
       "static const char table[] ="]
out += [lit(t) + " /* %d %s */" % (i, expand(t)) for i, t in enumerate(texts)]
out += [lit(d) + " /* \\%03o \"%s\" */" % (0x80 + i, expand(d)) for i, d in enumerate(dic)]
out[-1] += ";"
out.append("/* END TABLE */")
src = open("src/strerror.c").read()
src = re.sub(r"/\* BEGIN TABLE.*?/\* END TABLE \*/", lambda m: "\n".join(out), src, flags=re.S)
open("src/strerror.c", "w").write(src)
total = sum(len(t) + 1 for t in texts + dic)
print("strerror table: %d bytes, %d messages, %d dictionary entries" % (total, n, len(dic)),
      file=sys.stderr)
