#!/usr/bin/env python3
"""Records the Lua library cases on a real Redis (default 127.0.0.1:7102, env PORT).
For LIB in bit, struct, cmsgpack: runs every body of distribution/src/test/resources/scripts/LIB.cases
and plugins/engine-lua/src/test/resources/dev/cinnabar/engine/lua/lib/LIB.junit.cases wrapped in
harness-prelude.lua/harness-epilogue.lua, and writes the canonical results to LIB.expected (bodies
marked "-- tailcall" are skipped there). SHOW=1 prints each raw reply too.
usage: tools/record-lua-lib-cases.py LIB"""
import os, socket, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RES = ROOT + '/plugins/engine-lua/src/test/resources/dev/cinnabar/engine/lua/lib'
DIST = ROOT + '/distribution/src/test/resources/scripts'

def resp_cmd(sock, *args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        if isinstance(a, str): a = a.encode('latin-1')
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    sock.sendall(out)
    return read_reply(sock.makefile('rb'))

def read_reply(f):
    line = f.readline()
    t, rest = line[:1], line[1:-2]
    if t == b'+': return ('status', rest)
    if t == b'-': return ('error', rest)
    if t == b':': return ('int', int(rest))
    if t == b'$':
        n = int(rest)
        if n < 0: return ('nil', None)
        data = f.read(n + 2)[:-2]
        return ('bulk', data)
    if t == b'*':
        n = int(rest)
        if n < 0: return ('nilarray', None)
        return ('array', [read_reply(f) for _ in range(n)])
    raise Exception('bad reply %r' % line)

def read_cases(path):
    if not os.path.exists(path): return []
    text = open(path, 'rb').read().decode('latin-1')
    cases = []
    cur = []
    for line in text.split('\n'):
        if line == '----':
            cases.append('\n'.join(cur).strip('\n')); cur = []
        else:
            cur.append(line)
    if '\n'.join(cur).strip():
        cases.append('\n'.join(cur).strip('\n'))
    return [c for c in cases if c.strip()]

def main():
    lib = sys.argv[1]
    port = int(os.environ.get('PORT', '7102'))
    prelude = open(RES + '/harness-prelude.lua').read().replace('__NUMBITS__', 'function(x) return __hex(struct.pack(">d", x)) end')
    epilogue = open(RES + '/harness-epilogue.lua').read()
    dist = read_cases(DIST + '/%s.cases' % lib)
    extra = read_cases(RES + '/%s.junit.cases' % lib)
    out = []
    for body in dist + extra:
        s = socket.create_connection(('127.0.0.1', port))
        kind, val = resp_cmd(s, 'EVAL', prelude + body + epilogue, '0')
        if kind != 'bulk':
            print('!! harness failed for', body, kind, val); sys.exit(1)
        raw = resp_cmd(s, 'EVAL', body, '0')
        s.close()
        if os.environ.get('SHOW'):
            print('----\n%s\n  => %r\n  canon %s' % (body, raw, val.decode('latin-1')[:300]))
        if '-- tailcall' in body: continue
        out.append(body + '\n==> ' + val.decode('latin-1') + '\n----\n')
    open(RES + '/%s.expected' % lib, 'wb').write(''.join(out).encode('latin-1'))
    print('%s: %d cases (%d distribution, %d junit-only)' % (lib, len(out), len(dist), len(extra)))

main()
