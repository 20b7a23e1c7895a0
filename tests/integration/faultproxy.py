#!/usr/bin/env python3
"""faultproxy: a test-only HTTP proxy that misbehaves on purpose.

Used by enrol-upload.test between leerpunt-sync and nginx. It listens on
127.0.0.1 (a free port, written to PORTFILE once listening) and forwards
each request to 127.0.0.1:UPSTREAM, one request per connection. A share of
the requests (--fail, default 0.3) goes wrong instead, in four ways chosen
at random: a 500 answer, a connection reset before forwarding, a stall
(no answer for --stall seconds, then close; --stall-share of all
requests, the rest of --fail split evenly over the other three), or the worst case for
"exactly once": the request IS forwarded and stored, but the client's
connection is reset before it sees the answer. Counts go to stderr at exit.
"""
import argparse
import random
import signal
import socket
import struct
import sys
import threading
import time

counts = {"ok": 0, "500": 0, "reset": 0, "stall": 0, "lost-answer": 0}
lock = threading.Lock()


def count(what):
    with lock:
        counts[what] += 1


def read_request(conn):
    """Read one HTTP request (headers and Content-Length body); None on EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    lines = head.split(b"\r\n")
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    kept = [l for l in lines if not l.lower().startswith(b"connection:")]
    kept.append(b"Connection: close")
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def forward(req, upstream):
    up = socket.create_connection(("127.0.0.1", upstream), timeout=30)
    up.sendall(req)
    answer = b""
    while True:
        chunk = up.recv(65536)
        if not chunk:
            break
        answer += chunk
    up.close()
    return answer


def handle(conn, args, rng):
    try:
        conn.settimeout(30)
        req = read_request(conn)
        if req is None:
            conn.close()
            return
        r = rng.random()
        share = (args.fail - args.stall_share) / 3.0
        if r < share:
            count("500")
            conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\n"
                         b"Content-Length: 6\r\nConnection: close\r\n\r\nbroken")
            conn.close()
        elif r < 2 * share:
            count("reset")
            reset(conn)
        elif r < 2 * share + args.stall_share:
            count("stall")
            time.sleep(args.stall)
            conn.close()
        elif r < 3 * share + args.stall_share:
            count("lost-answer")
            forward(req, args.upstream)
            reset(conn)
        else:
            count("ok")
            conn.sendall(forward(req, args.upstream))
            conn.close()
    except OSError:
        conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("portfile")
    p.add_argument("upstream", type=int)
    p.add_argument("--fail", type=float, default=0.3)
    p.add_argument("--stall", type=float, default=3.0)
    p.add_argument("--stall-share", type=float, default=0.075)
    p.add_argument("--seed", type=int, default=None)
    args = p.parse_args()
    rng = random.Random(args.seed)

    def done(*_):
        sys.stderr.write("faultproxy: %s\n" % counts)
        sys.exit(0)
    signal.signal(signal.SIGTERM, done)

    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(128)
    with open(args.portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    import os
    os.rename(args.portfile + ".tmp", args.portfile)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=handle, args=(conn, args, rng),
                         daemon=True).start()


if __name__ == "__main__":
    main()
