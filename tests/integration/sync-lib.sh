# tests/integration/sync-lib.sh: helpers for the sync tests (sourced after
# tests/lib.sh).

# repo_keygen PREFIX: a repository key pair, PREFIX.pub and PREFIX.secret,
# in the format of docs/keys.md. Uses `leerpunt-catalog keygen` when this
# build has it, else makes the Ed25519 pair with openssl (a PKCS#8 private
# key ends in the 32-byte seed, an SPKI public key in the 32-byte key;
# libsodium's secret key is seed followed by public key).
repo_keygen() {
	if "$CATALOG" keygen --help >/dev/null 2>&1; then
		"$CATALOG" keygen --kind repo --out "$1" >/dev/null
		return
	fi
	openssl genpkey -algorithm ed25519 -outform DER -out "$1.der" 2>/dev/null &&
	openssl pkey -inform DER -in "$1.der" -pubout -outform DER -out "$1.pub.der" 2>/dev/null &&
	python3 - "$1" <<'PY'
import base64, os, sys
p = sys.argv[1]
seed = open(p + ".der", "rb").read()[-32:]
pk = open(p + ".pub.der", "rb").read()[-32:]
with open(p + ".pub", "w") as f:
    f.write("leerpunt-repo-public v1 " + base64.b64encode(pk).decode() + "\n")
fd = os.open(p + ".secret", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, ("leerpunt-repo-secret v1 " + base64.b64encode(seed + pk).decode() + "\n").encode())
os.close(fd)
os.unlink(p + ".der"); os.unlink(p + ".pub.der")
PY
}

# content_digest DB: a digest of the catalogue's content tables and
# version, row by row in key order (what makes two catalogues "the same").
content_digest() {
	sqlite3 -readonly "$1" \
	    "SELECT * FROM theme ORDER BY id;
	     SELECT * FROM theme_text ORDER BY theme_id, lang;
	     SELECT id, key, source, kind, provider, level, city, province, lat, lon, contact, link, hex(digest) FROM entry ORDER BY id;
	     SELECT * FROM entry_theme ORDER BY entry_id, theme_id;
	     SELECT * FROM offering ORDER BY id;
	     SELECT * FROM entry_text ORDER BY id;
	     SELECT value FROM meta WHERE key = 'version';" | sha256sum | cut -d' ' -f1
}

# resign_manifest MANIFEST SECRET: sign MANIFEST's "signed" object again
# with the key in SECRET (replacing the signatures), as a publisher with a
# good key but bad intentions or bugs would. The canonical bytes are
# jansson's JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII, which for
# these ASCII-only manifests is Python's compact, sorted, ASCII dump; the
# signature comes from openssl (Ed25519, PKCS#8 key made from the seed).
resign_manifest() {
	python3 - "$1" "$2" <<'PY'
import base64, hashlib, json, os, subprocess, sys, tempfile
path, secret = sys.argv[1], sys.argv[2]
sk = base64.b64decode(open(secret).read().split()[2])
seed, pk = sk[:32], sk[32:]
m = json.load(open(path))
canon = json.dumps(m["signed"], separators=(",", ":"), sort_keys=True,
                   ensure_ascii=True).encode()
with tempfile.TemporaryDirectory() as d:
    key = os.path.join(d, "k.der")
    open(key, "wb").write(bytes.fromhex("302e020100300506032b657004220420") + seed)
    msg = os.path.join(d, "m")
    open(msg, "wb").write(canon)
    sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-keyform", "DER",
                          "-inkey", key, "-rawin", "-in", msg],
                         check=True, capture_output=True).stdout
keyid = hashlib.sha256(pk).hexdigest()[:16]
m["signatures"] = [{"keyid": keyid, "sig": sig.hex()}]
open(path, "w").write(json.dumps(m, indent=2, sort_keys=True) + "\n")
PY
}

# nginx_start ROOT: Debian's nginx serving ROOT on 127.0.0.1:$PORT (a free
# port; three tries) with tests/integration/nginx.conf.in; logs in
# $TMP/nginx/access.log (one line per request, see the log_format there).
# Stopped on exit. Returns non-zero when it did not start.
nginx_start() {
	NGINX=${NGINX:-/usr/sbin/nginx}
	mkdir -p "$TMP/nginx/tmp"
	if [ "$(id -u)" -eq 0 ]; then _user="user $(id -un) $(id -gn);"
	else _user=; fi
	for _try in 1 2 3; do
		PORT=$(free_port)
		sed -e "s|@PREFIX@|$TMP/nginx|g" -e "s|@ROOT@|$1|g" \
		    -e "s|@PORT@|$PORT|g" -e "s|@USER@|$_user|g" \
		    "$top_srcdir/tests/integration/nginx.conf.in" >"$TMP/nginx/nginx.conf"
		"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" \
		    -e "$TMP/nginx/error.log" >"$TMP/nginx/stderr" 2>&1 &
		NGINX_PID=$!
		echo pong >"$1/ping.txt"
		if wait_for 10 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
		    "http://127.0.0.1:$PORT/ping.txt"; then
			at_exit "kill $NGINX_PID 2>/dev/null; wait $NGINX_PID 2>/dev/null"
			: >"$TMP/nginx/access.log"
			return 0
		fi
		kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null
	done
	return 1
}
