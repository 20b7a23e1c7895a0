#!/usr/bin/env python3
"""flaky-proxy: a test-only HTTP proxy in front of nginx that misbehaves
on cue, for tests/integration/sync-http.test.

usage: flaky-proxy.py PORTFILE UPSTREAM_PORT ACTION...

Listens on 127.0.0.1 (a free port, written to PORTFILE) and answers the
Nth request with the Nth ACTION, then "pass" for the rest:
  pass   forward to 127.0.0.1:UPSTREAM_PORT (Range and all) and relay
  500    answer 500 Internal Server Error
  reset  close the connection at once with a TCP reset
  cut    forward, relay the headers and half the body, then reset
  portal answer 200 with an HTML page, forwarding nothing (a captive
         portal in front of the server)
  norange  forward without the Range header (a server that ignores
         Range: it answers 200 with the whole file)
Each request is logged to stderr as "ACTION PATH".
"""
import http.client
import socket
import socketserver
import struct
import sys
import threading

portfile, upstream = sys.argv[1], int(sys.argv[2])
actions = sys.argv[3:]
lock = threading.Lock()


def next_action():
    with lock:
        return actions.pop(0) if actions else "pass"


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            method, path, _ = line.decode("latin-1").split(" ", 2)
            headers = {}
            while True:
                h = self.rfile.readline(65536).decode("latin-1")
                if h in ("\r\n", "\n", ""):
                    break
                k, v = h.split(":", 1)
                headers[k.strip()] = v.strip()
            act = next_action()
            sys.stderr.write("%s %s\n" % (act, path))
            sys.stderr.flush()
            if act == "reset":
                reset(self.connection)
                return
            if act == "portal":
                n = int(headers.get("Content-Length", "0") or 0)
                if n:
                    self.rfile.read(n)
                body = b"<html><body>Welcome! Accept the terms first.</body></html>\n"
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                 b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                self.wfile.flush()
                continue
            if act == "500":
                body = b"broken\n"
                self.wfile.write(b"HTTP/1.1 500 Internal Server Error\r\n"
                                 b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                self.wfile.flush()
                continue
            c = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
            fwd = {k: v for k, v in headers.items()
                   if k.lower() not in ("connection", "keep-alive")
                   and not (act == "norange" and k.lower() == "range")}
            c.request(method, path, headers=fwd)
            r = c.getresponse()
            data = r.read()
            out = "HTTP/1.1 %d %s\r\n" % (r.status, r.reason)
            for k, v in r.getheaders():
                if k.lower() not in ("connection", "keep-alive", "transfer-encoding"):
                    out += "%s: %s\r\n" % (k, v)
            if r.getheader("Content-Length") is None:
                out += "Content-Length: %d\r\n" % len(data)
            self.wfile.write(out.encode("latin-1") + b"\r\n")
            if act == "cut":
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
                reset(self.connection)
                return
            self.wfile.write(data)
            self.wfile.flush()
            c.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


srv = Server(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % srv.server_address[1])
import os
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
