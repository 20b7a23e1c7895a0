#!/usr/bin/env python3
"""s3sig: a test-only S3-compatible object store that checks SigV4.

Used by enrol-auth.test as the office inbox. It listens on 127.0.0.1 (a
free port, written to PORTFILE once listening), takes path-style PUT
/BUCKET/KEY and stores the body under ROOT/BUCKET/KEY. Like S3, every
request must carry AWS Signature Version 4 in the Authorization header:

  canonical request = METHOD, URI (each segment URI-encoded once), sorted
      query, the signed headers (lower-case name:trimmed value, sorted),
      the list of signed headers, and the payload hash from
      x-amz-content-sha256;
  string to sign = "AWS4-HMAC-SHA256", x-amz-date, the credential scope
      DATE/REGION/s3/aws4_request, hex SHA-256 of the canonical request;
  signing key = HMAC-SHA256 chain of "AWS4"+secret over DATE, REGION,
      "s3", "aws4_request".

It answers 403 with an S3 error document for a missing or malformed
Authorization header, an unknown access key, a wrong scope, a missing
x-amz-date or x-amz-content-sha256, a signed-header list without host,
x-amz-date and every x-amz-* header sent, a signed header that was not
sent, a time more than 15 minutes off, or a signature that does not
match; 400 when the body's SHA-256 is not the one signed (S3's
XAmzContentSHA256Mismatch), 411 without Content-Length. One line per
request goes to the log: METHOD PATH STATUS CODE [kiosk=ID] (ID from the
Leerpunt-Kiosk request header, when sent). With --self-test it
checks its signing against the examples in AWS's S3 documentation.
"""
import argparse
import calendar
import hashlib
import hmac
import os
import re
import signal
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "s3"
MAX_BODY = 1 << 20
UNRESERVED = "-_.~"


def uri_encode(s, keep_slash):
    return urllib.parse.quote(s, safe=UNRESERVED + ("/" if keep_slash else ""))


def canonical_uri(raw_path):
    # S3 decodes the path once and encodes each byte outside the
    # unreserved set; '/' stays.
    return uri_encode(urllib.parse.unquote(raw_path), True) or "/"


def canonical_query(raw_query):
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        name, _, value = part.partition("=")
        pairs.append((uri_encode(urllib.parse.unquote_plus(name), False),
                      uri_encode(urllib.parse.unquote_plus(value), False)))
    pairs.sort()
    return "&".join("%s=%s" % p for p in pairs)


def trim(value):
    return re.sub(r"\s+", " ", value.strip())


def hmac_sha256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret, date, region):
    k = hmac_sha256(("AWS4" + secret).encode("utf-8"), date)
    k = hmac_sha256(k, region)
    k = hmac_sha256(k, SERVICE)
    return hmac_sha256(k, "aws4_request")


AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)/(\d{8})/([^/,\s]+)/"
    r"([^/,\s]+)/aws4_request\s*,\s*SignedHeaders=([a-z0-9;-]+)\s*,"
    r"\s*Signature=([0-9a-f]{64})$")


class Refused(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "s3sig"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, code, message="", etag=None):
        if status >= 300:
            body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s"
                    "</Code><Message>%s</Message></Error>\n" %
                    (code, message)).encode("utf-8")
        else:
            body = b""
        self.send_response(status)
        if etag is not None:
            self.send_header("ETag", '"%s"' % etag)
        self.send_header("Content-Length", str(len(body)))
        if body:
            self.send_header("Content-Type", "application/xml")
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
        kiosk = self.headers.get("Leerpunt-Kiosk")
        with open(self.server.opts.log, "a") as log:
            log.write("%s %s %d %s%s%s\n" % (self.command, self.path, status,
                                             code, " " + message if status >= 300
                                             and message else "",
                                             " kiosk=" + kiosk if kiosk else ""))

    def verify(self, body):
        o = self.server.opts
        auth = self.headers.get("Authorization")
        if auth is None:
            raise Refused(403, "AccessDenied", "no Authorization header")
        m = AUTH_RE.match(auth.strip())
        if m is None:
            raise Refused(403, "AuthorizationHeaderMalformed",
                          "not an AWS4-HMAC-SHA256 authorization")
        key, date, region, service, signed, signature = m.groups()
        if key != o.access_key:
            raise Refused(403, "InvalidAccessKeyId", "unknown access key")
        if region != o.region or service != SERVICE:
            raise Refused(403, "AuthorizationHeaderMalformed",
                          "scope %s/%s, expected %s/%s" %
                          (region, service, o.region, SERVICE))
        amz_date = self.headers.get("x-amz-date")
        if amz_date is None or not re.match(r"^\d{8}T\d{6}Z$", amz_date):
            raise Refused(403, "AccessDenied", "no valid x-amz-date")
        if amz_date[:8] != date:
            raise Refused(403, "SignatureDoesNotMatch",
                          "x-amz-date is not the credential's date")
        when = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
        if abs(when - time.time()) > 15 * 60:
            raise Refused(403, "RequestTimeTooSkewed", "clock off by more "
                          "than 15 minutes")
        payload_hash = self.headers.get("x-amz-content-sha256")
        if payload_hash is None:
            raise Refused(403, "AccessDenied",
                          "missing x-amz-content-sha256")
        names = signed.split(";")
        if names != sorted(names) or len(set(names)) != len(names):
            raise Refused(403, "SignatureDoesNotMatch",
                          "SignedHeaders not sorted")
        sent = {n.lower() for n in self.headers.keys()}
        for need in ["host", "x-amz-date"] + sorted(
                n for n in sent if n.startswith("x-amz-")):
            if need not in names:
                raise Refused(403, "AccessDenied",
                              "header %s is not signed" % need)
        headers = []
        for n in names:
            values = self.headers.get_all(n)
            if values is None:
                raise Refused(403, "SignatureDoesNotMatch",
                              "signed header %s was not sent" % n)
            headers.append((n, ",".join(trim(v) for v in values)))
        path, _, query = self.path.partition("?")
        want = canonical_signature(o.secret, self.command, path, query,
                                   headers, payload_hash, amz_date, region)
        if not hmac.compare_digest(want, signature):
            raise Refused(403, "SignatureDoesNotMatch",
                          "the signature does not match")
        if payload_hash != "UNSIGNED-PAYLOAD":
            if not re.match(r"^[0-9a-f]{64}$", payload_hash):
                raise Refused(400, "InvalidArgument",
                              "x-amz-content-sha256 must be a SHA-256 or "
                              "UNSIGNED-PAYLOAD")
            if hashlib.sha256(body).hexdigest() != payload_hash:
                raise Refused(400, "XAmzContentSHA256Mismatch",
                              "the body is not what was signed")

    def object_path(self):
        path = urllib.parse.unquote(self.path.partition("?")[0])
        parts = [p for p in path.split("/") if p]
        if len(parts) < 2 or any(p in (".", "..") for p in parts):
            raise Refused(400, "InvalidURI", "need /BUCKET/KEY")
        if parts[0] != self.server.opts.bucket:
            raise Refused(404, "NoSuchBucket", "no bucket %s" % parts[0])
        return os.path.join(self.server.opts.root, *parts)

    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise Refused(411, "MissingContentLength", "chunked body")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "MissingContentLength", "no Content-Length")
        n = int(length)
        if n > MAX_BODY:
            raise Refused(400, "EntityTooLarge", "body too large")
        return self.rfile.read(n)

    def do_PUT(self):
        try:
            body = self.read_body()
        except Refused as e:
            self.close_connection = True
            self.answer(e.status, e.code, str(e))
            return
        try:
            self.verify(body)
            dest = self.object_path()
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            tmp = dest + ".part"
            with open(tmp, "wb") as f:
                f.write(body)
            os.replace(tmp, dest)
        except Refused as e:
            self.answer(e.status, e.code, str(e))
            return
        # Like S3: 200 with the MD5 of the object as its ETag.
        self.answer(200, "OK", etag=hashlib.md5(body).hexdigest())

    def do_GET(self):
        try:
            self.verify(b"")
            self.object_path()
        except Refused as e:
            self.answer(e.status, e.code, str(e))
            return
        self.answer(403, "AccessDenied", "write-only inbox")

    do_HEAD = do_GET
    do_POST = do_DELETE = do_GET


def canonical_signature(secret, method, path, query, headers, payload_hash,
                        amz_date, region):
    """The signature of a request, headers as (lower-case name, value)."""
    headers = sorted(headers)
    creq = "\n".join([method, canonical_uri(path), canonical_query(query),
                      "".join("%s:%s\n" % (n, trim(v)) for n, v in headers),
                      ";".join(n for n, _ in headers), payload_hash])
    to_sign = "\n".join([ALGORITHM, amz_date, "%s/%s/%s/aws4_request" %
                         (amz_date[:8], region, SERVICE),
                         hashlib.sha256(creq.encode("utf-8")).hexdigest()])
    return hmac.new(signing_key(secret, amz_date[:8], region),
                    to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def self_test():
    """The two header-signing examples of AWS's S3 SigV4 documentation
    ("Signature Calculations for the Authorization Header")."""
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    host = "examplebucket.s3.amazonaws.com"
    empty = hashlib.sha256(b"").hexdigest()
    got = canonical_signature(secret, "GET", "/test.txt", "", [
        ("host", host), ("range", "bytes=0-9"),
        ("x-amz-content-sha256", empty),
        ("x-amz-date", "20130524T000000Z")], empty, "20130524T000000Z",
        "us-east-1")
    want = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    ok = got == want
    body = hashlib.sha256(b"Welcome to Amazon S3.").hexdigest()
    got = canonical_signature(secret, "PUT", "/test$file.text", "", [
        ("date", "Fri, 24 May 2013 00:00:00 GMT"), ("host", host),
        ("x-amz-content-sha256", body), ("x-amz-date", "20130524T000000Z"),
        ("x-amz-storage-class", "REDUCED_REDUNDANCY")], body,
        "20130524T000000Z", "us-east-1")
    want = "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
    ok = ok and got == want
    print("self-test %s" % ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--root", required=True)
    p.add_argument("--bucket", required=True)
    p.add_argument("--access-key", required=True)
    p.add_argument("--secret", required=True)
    p.add_argument("--region", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("portfile")
    opts = p.parse_args()
    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.opts = opts
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    tmp = opts.portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(tmp, opts.portfile)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
