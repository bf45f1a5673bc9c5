#!/usr/bin/env python3
"""Records the replies of real Redis 7.0.15 for every case of lua51.cases into lua51.expected.

Usage: record.py CASES EXPECTED [port]. Each reply is rendered on one line the way
Lua51CasesTest renders Cinnabar's result: :int, "bulk" (non-printable bytes as \\xHH), nil,
+status, -error (with Redis's ' script: <sha>, on @user_script:N.' suffix removed), [a, b].
"""
import socket, sys, re

def read_line(f):
    line = f.readline()
    return line[:-2]

def esc(b):
    out = []
    for c in b:
        if c == 0x5c: out.append('\\\\')
        elif c == 0x22: out.append('\\"')
        elif 32 <= c < 127: out.append(chr(c))
        else: out.append('\\x%02x' % c)
    return ''.join(out)

def read_reply(f):
    line = read_line(f)
    t, rest = line[:1], line[1:]
    if t == b'+': return '+' + esc(rest)
    if t == b'-':
        s = re.sub(rb' script: [0-9a-f]{40}, on @user_script:\d+\.$', b'', rest)
        return '-' + esc(s)
    if t == b':': return ':' + rest.decode()
    if t == b'$':
        n = int(rest)
        if n < 0: return 'nil'
        data = f.read(n + 2)[:-2]
        return '"' + esc(data) + '"'
    if t == b'*':
        n = int(rest)
        if n < 0: return 'nil'
        return '[' + ', '.join(read_reply(f) for _ in range(n)) + ']'
    raise ValueError(line)

def cmd(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        if isinstance(a, str): a = a.encode()
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    return out

def main():
    cases = open(sys.argv[1], 'rb').read().split(b'\n----\n')
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 7103
    s = socket.create_connection(('127.0.0.1', port))
    f = s.makefile('rb')
    with open(sys.argv[2], 'w') as out:
        for c in cases:
            c = c.strip(b'\n')
            s.sendall(cmd('EVAL', c, '0'))
            out.write(read_reply(f) + '\n')

main()
