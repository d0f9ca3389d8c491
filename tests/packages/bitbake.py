#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""tests/packages/bitbake.py: what bitbake makes of the cella recipe's tasks,
without bitbake, so that the package contract test runs the real recipe.

  bitbake.py RECIPE.bb [options] [VAR=VALUE...]

VAR=VALUE pairs stand in for bitbake.conf and the machine (CC, CFLAGS, S, D,
prefix, ...): set before the recipe is parsed. Options:

  --bbappend FILE   parse FILE after the recipe, as bitbake does a .bbappend
  --task do_NAME    print the shell script bitbake would run for the task:
                    the task's function (or the base class default) with
                    every ${VAR} and ${@...} expanded, oe_runmake, set -e,
                    the exported variables, `cd ${B}`
  --print VAR       print VAR's expanded value
  --flag VAR FLAG   print the expanded varflag VAR[FLAG]

It knows the part of bitbake's syntax that the recipe uses: comments, line
continuations, the operators = ?= ??= := += =+ .= =. , varflags, shell
functions, ${VAR}, and ${@...} with bb.utils.contains and d.getVar. Anything
else (inherit, overrides, python functions, a reference to a variable that
is not set) is an error, so that a recipe change this simulation would
misread fails the test instead of passing it.
"""
import os
import re
import shlex
import sys

VAR_RE = re.compile(r'\$\{([A-Za-z0-9_\-+./~]+)\}')
PY_RE = re.compile(r'\$\{@(.+?)\}')
ASSIGN_RE = re.compile(
    r'^(?P<var>[A-Za-z0-9_\-+.${}/~]+)(\[(?P<flag>[^\]]+)\])?\s*'
    r'(?P<op>\?\?=|\?=|:=|\+=|=\+|\.=|=\.|=)\s*"(?P<val>.*)"\s*$', re.S)
FUNC_RE = re.compile(r'^(?P<name>[A-Za-z0-9_]+)\s*\(\)\s*\{\s*$')

# The variables bitbake.conf exports to every task's environment (the ones
# the recipe's build can see), when they are set.
EXPORTED = ['CC', 'CXX', 'CPP', 'AR', 'AS', 'LD', 'NM', 'STRIP', 'RANLIB',
            'CFLAGS', 'CXXFLAGS', 'CPPFLAGS', 'LDFLAGS', 'MAKE', 'PATH']

# base.bbclass: oe_runmake and the default tasks (the first build: the
# configure default has nothing to clean).
BASE = {
    'bbnote': 'echo "NOTE: $*"',
    'die': 'echo "ERROR: $*" >&2\nexit 1',
    'oe_runmake_call': 'bbnote ${MAKE} ${EXTRA_OEMAKE} "$@"\n${MAKE} ${EXTRA_OEMAKE} "$@"',
    'oe_runmake': 'oe_runmake_call "$@" || die "oe_runmake failed"',
    'do_configure': ':',
    'do_compile': 'if [ -e Makefile -o -e makefile -o -e GNUmakefile ]; then\n'
                  '\toe_runmake || die "make failed"\nfi',
    'do_install': ':',
}


class Error(Exception):
    pass


class Data:
    """The datastore: raw values, flags, functions; expanded on demand."""

    def __init__(self):
        self.vars = {}
        self.weak = {}
        self.flags = {}
        self.funcs = dict(BASE)

    def expand(self, text, seen=()):
        def var(m):
            name = m.group(1)
            if name in seen:
                raise Error('${%s} refers to itself' % name)
            if name not in self.vars:
                raise Error('${%s} is not set (add it to the test\'s variables)' % name)
            return self.expand(self.vars[name], seen + (name,))
        prev = None
        while prev != text:
            prev = text
            text = VAR_RE.sub(var, text)
            text = PY_RE.sub(lambda m: str(self.python(m.group(1))), text)
        return text

    def python(self, expr):
        d = self

        class Utils:
            @staticmethod
            def contains(var, items, truev, falsev, _d):
                have = set(d.getVar(var).split())
                return truev if set(items.split()) <= have else falsev

        class BB:
            utils = Utils

        return eval(expr, {'__builtins__': {}}, {'bb': BB, 'd': self})

    def getVar(self, name, expand=True):
        if name not in self.vars:
            return None
        return self.expand(self.vars[name]) if expand else self.vars[name]

    def assign(self, var, flag, op, val):
        if flag is not None:
            if op != '=':
                raise Error('varflag %s[%s]: only "=" is simulated' % (var, flag))
            self.flags[(var, flag)] = val
            return
        if ':' in var or '$' in var:
            raise Error('overrides and expanded names are not simulated: %s' % var)
        old = self.vars.get(var)
        if op == '=':
            self.vars[var] = val
        elif op == '?=':
            if old is None:
                self.vars[var] = val
        elif op == '??=':
            self.weak[var] = val
        elif op == ':=':
            self.vars[var] = self.expand(val)
        elif op == '+=':
            self.vars[var] = val if old is None else old + ' ' + val
        elif op == '=+':
            self.vars[var] = val if old is None else val + ' ' + old
        elif op == '.=':
            self.vars[var] = val if old is None else old + val
        elif op == '=.':
            self.vars[var] = val if old is None else val + old

    def finalize(self):
        for var, val in self.weak.items():
            self.vars.setdefault(var, val)
        self.weak = {}


def parse(path, d):
    with open(path) as f:
        lines = f.read().split('\n')
    i = 0
    while i < len(lines):
        lineno, text = i + 1, lines[i]
        i += 1
        where = '%s:%d' % (os.path.basename(path), lineno)
        if text.strip() == '' or text.lstrip().startswith('#'):
            continue
        m = FUNC_RE.match(text)
        if m:
            # A function body is kept line by line, as the shell gets it.
            body = []
            while i < len(lines) and lines[i] != '}':
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise Error('%s: function %s() has no closing "}"' % (where, m.group('name')))
            i += 1
            d.funcs[m.group('name')] = '\n'.join(body)
            continue
        # Elsewhere bitbake joins a line that ends in a backslash with the
        # next one (without the newline).
        while text.endswith('\\') and i < len(lines):
            text = text[:-1] + lines[i]
            i += 1
        m = ASSIGN_RE.match(text)
        if not m:
            raise Error('%s: not simulated: %s' % (where, text))
        d.assign(m.group('var'), m.group('flag'), m.group('op'), m.group('val'))


def task_script(d, task):
    if task not in ('do_configure', 'do_compile', 'do_install'):
        raise Error('task %s is not simulated' % task)
    out = ['#!/bin/sh', '# %s, as bitbake would run it' % task, 'set -e']
    for name in EXPORTED:
        val = d.getVar(name)
        if val is not None:
            out.append('export %s=%s' % (name, shlex.quote(val)))
    for name in ('bbnote', 'die', 'oe_runmake_call', 'oe_runmake', task):
        out.append('%s() {\n%s\n}' % (name, d.expand(d.funcs[name])))
    out.append('cd %s' % shlex.quote(d.getVar('B')))
    out.append(task)
    return '\n'.join(out) + '\n'


def main(argv):
    recipe, appends, task, pvar, pflag, defaults = None, [], None, None, None, []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--bbappend':
            appends.append(args.pop(0))
        elif a == '--task':
            task = args.pop(0)
        elif a == '--print':
            pvar = args.pop(0)
        elif a == '--flag':
            pvar, pflag = args.pop(0), args.pop(0)
        elif '=' in a and recipe is not None:
            defaults.append(a.split('=', 1))
        elif recipe is None:
            recipe = a
        else:
            raise Error('unexpected argument: %s' % a)
    if recipe is None:
        raise Error('usage: bitbake.py RECIPE.bb [--bbappend F] (--task T | --print V | --flag V F) [VAR=VALUE...]')
    d = Data()
    pn, _, pv = os.path.basename(recipe)[:-len('.bb')].partition('_')
    for k, v in [('PN', pn), ('BPN', pn), ('PV', pv), ('P', '${PN}-${PV}'),
                 ('BP', '${BPN}-${PV}'), ('MAKE', 'make')] + defaults:
        d.vars[k] = v
    d.vars.setdefault('B', '${S}')
    parse(recipe, d)
    for a in appends:
        parse(a, d)
    d.finalize()
    if task:
        sys.stdout.write(task_script(d, task))
    elif pflag:
        if (pvar, pflag) not in d.flags:
            raise Error('%s[%s] is not set' % (pvar, pflag))
        print(d.expand(d.flags[(pvar, pflag)]))
    elif pvar:
        val = d.getVar(pvar)
        if val is None:
            raise Error('%s is not set' % pvar)
        print(val)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except Error as e:
        print('bitbake.py: %s' % e, file=sys.stderr)
        sys.exit(2)
