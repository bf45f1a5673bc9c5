#!/usr/bin/env python3
"""Records Redis's own command metadata (COMMAND INFO and COMMAND DOCS, RESP3 bytes) from a live
redis-server, into the kernel's resources. The kernel answers COMMAND INFO/DOCS for Redis's
commands from these bytes, so they match the reference server exactly.

Usage: tools/gen-redis-command-table.py [port]   (starts redis-server itself when no port given)
"""
import os, socket, subprocess, sys, time

OUT = os.path.join(os.path.dirname(__file__), "..", "kernel", "src", "main", "resources",
                   "dev", "cinnabar", "kernel", "command")


def read_reply(f):
    """Reads one RESP3 reply and returns its raw bytes."""
    line = f.readline()
    t = line[:1]
    out = bytearray(line)
    if t in (b"+", b"-", b":", b",", b"#", b"_", b"("):
        return bytes(out)
    n = int(line[1:-2])
    if t in (b"$", b"=", b"!"):
        if n >= 0:
            out += f.read(n + 2)
        return bytes(out)
    if t in (b"*", b"~", b">"):
        for _ in range(max(n, 0)):
            out += read_reply(f)
        return bytes(out)
    if t in (b"%", b"|"):
        for _ in range(2 * n):
            out += read_reply(f)
        return bytes(out)
    raise ValueError("unexpected %r" % line)


def cmd(sock, f, *args):
    req = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)
    sock.sendall(req)
    return read_reply(f)


def main():
    proc = None
    if len(sys.argv) > 1:
        port = int(sys.argv[1])
    else:
        port = 7399
        proc = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
                                stdout=subprocess.DEVNULL)
        time.sleep(0.5)
    try:
        s = socket.create_connection(("127.0.0.1", port))
        f = s.makefile("rb")
        version = cmd(s, f, b"HELLO", b"3")
        assert b"7.0" in version, version
        info = cmd(s, f, b"COMMAND", b"INFO")
        docs = cmd(s, f, b"COMMAND", b"DOCS")
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "redis-command-info.resp3"), "wb") as o:
            o.write(info)
        with open(os.path.join(OUT, "redis-command-docs.resp3"), "wb") as o:
            o.write(docs)
        print("wrote", len(info), "and", len(docs), "bytes")
    finally:
        if proc:
            proc.terminate()


if __name__ == "__main__":
    main()
