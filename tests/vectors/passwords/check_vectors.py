#!/usr/bin/python3
"""Reads generated vector lines on stdin, checks each one, writes them sorted by hash_type to stdout.

Each vector is re-verified with an implementation other than the one that made it where one exists
here (passlib for the openssl/mkpasswd/htpasswd crypt formats, Django and passlib against each other,
hashlib re-derivations of the PHC/passlib/ASP.NET Identity layouts, Python ports of the PHP-made
Drupal 7 and Symfony hashes, openssl's AES-CTR for Firebase scrypt), and must fail for a wrong password.
Exits non-zero on the first problem, so generate.sh never writes a bad vectors.jsonl.
"""

import base64
import hashlib
import hmac
import json
import subprocess
import sys

import argon2
import bcrypt
from argon2.low_level import Type, hash_secret_raw
from passlib import hash as ph

# Order of hash_types in vectors.jsonl, and the config object each one may carry.
CONFIG = {
    "bcrypt": None, "scrypt": "scrypt_config", "argon_2i": "argon_2_config", "argon_2id": "argon_2_config",
    "md_5": "md_5_config", "sha_1": "sha_1_config", "sha_256": "sha_256_config", "sha_512": "sha_512_config",
    "pbkdf_2": "pbkdf_2_config", "phpass": None, "firebase_scrypt": "firebase_scrypt_config",
    "md_5_crypt": None, "sha_256_crypt": None, "sha_512_crypt": None, "apr_1": None, "ldap": None,
    "django": None, "passlib": None, "aspnet_identity": None, "aspnet_membership": "aspnet_membership_config",
    "werkzeug": None, "drupal_7": None, "symfony_sha_512": "symfony_config", "devise_bcrypt": "devise_config",
    "hmac_sha_256": "hmac_config", "hmac_sha_512": "hmac_config", "bcrypt_sha_256": "bcrypt_sha_256_config",
}
OPTIONAL_CONFIG = {"md_5", "sha_1", "sha_256", "sha_512",  # unsalted vectors omit the config
                   "scrypt", "argon_2i", "argon_2id"}  # as do the PHC/encoded forms


def b64d(s: str) -> bytes:
    return base64.b64decode(s + "=" * (-len(s) % 4), validate=True)


def ab64d(s: str) -> bytes:  # passlib's "adapted base64": '.' for '+', no padding
    return b64d(s.replace(".", "+"))


ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def phpass_encode(data: bytes) -> str:  # little-endian 6-bit groups, as phpass/Drupal encode
    out, i = [], 0
    while i < len(data):
        chunk = data[i:i + 3]
        value = int.from_bytes(chunk, "little")
        for k in range(len(chunk) + 1):
            out.append(ITOA64[(value >> (6 * k)) & 0x3F])
        i += 3
    return "".join(out)


def phpass_like(algo: str, pw: bytes, setting: str, length: int) -> str:
    count, salt = 1 << ITOA64.index(setting[3]), setting[4:12].encode()
    h = hashlib.new(algo, salt + pw).digest()
    for _ in range(count):
        h = hashlib.new(algo, h + pw).digest()
    return (setting[:12] + phpass_encode(h))[:length]


def firebase(pw: bytes, cfg: dict) -> str:
    key = hashlib.scrypt(pw, salt=b64d(cfg["salt"]) + b64d(cfg["salt_separator"]), n=1 << cfg["memory_cost"],
                         r=cfg["rounds"], p=1, dklen=32, maxmem=256 * 1024 * 1024)
    out = subprocess.run(["openssl", "enc", "-aes-256-ctr", "-K", key.hex(), "-iv", "00" * 16],
                         input=b64d(cfg["signer_key"]), capture_output=True, check=True).stdout
    return base64.b64encode(out).decode()


def aspnet_identity(pw: str, blob_b64: str) -> bool:
    blob = b64d(blob_b64)
    if blob[0] == 0 and len(blob) == 49:  # V2: 0x00 | salt(16) | PBKDF2-HMAC-SHA1(1000) subkey(32)
        return hmac.compare_digest(hashlib.pbkdf2_hmac("sha1", pw.encode(), blob[1:17], 1000, 32), blob[17:])
    if blob[0] == 1:  # V3: 0x01 | prf | iterations | salt length (uint32 big-endian each) | salt | subkey
        prf, iters, slen = (int.from_bytes(blob[i:i + 4], "big") for i in (1, 5, 9))
        salt, sub = blob[13:13 + slen], blob[13 + slen:]
        algo = {0: "sha1", 1: "sha256", 2: "sha512"}[prf]
        return hmac.compare_digest(hashlib.pbkdf2_hmac(algo, pw.encode(), salt, iters, len(sub)), sub)
    raise ValueError("unknown ASP.NET Identity format marker")


LDAP = {"SHA": ("sha1", False), "SSHA": ("sha1", True), "SSHA256": ("sha256", True),
        "SSHA512": ("sha512", True), "MD5": ("md5", False), "SMD5": ("md5", True)}


def ldap(pw: bytes, h: str) -> bool:
    scheme, body = h[1:].split("}", 1)
    algo, salted = LDAP[scheme]
    raw, size = b64d(body), hashlib.new(algo).digest_size
    salt = raw[size:]
    if salted != bool(salt):
        raise ValueError("salted scheme without salt or unsalted scheme with salt")
    return hmac.compare_digest(hashlib.new(algo, pw + salt).digest(), raw[:size])


def django_check(pw: str, h: str) -> bool:
    from django.contrib.auth.hashers import check_password
    by_django = check_password(pw, h)
    handler = {"pbkdf2_sha256": ph.django_pbkdf2_sha256, "pbkdf2_sha1": ph.django_pbkdf2_sha1,
               "argon2": ph.django_argon2, "bcrypt_sha256": ph.django_bcrypt_sha256}[h.split("$", 1)[0]]
    by_passlib = handler.verify(pw, h)
    if by_django != by_passlib:
        raise ValueError(f"Django says {by_django}, passlib says {by_passlib}")
    return by_django


def passlib_modular(pw: str, h: str) -> bool:
    _, ident, rounds, salt, digest = h.split("$")
    algo = {"pbkdf2": "sha1", "pbkdf2-sha256": "sha256", "pbkdf2-sha512": "sha512"}[ident]
    dk = ab64d(digest)
    return hmac.compare_digest(hashlib.pbkdf2_hmac(algo, pw.encode(), ab64d(salt), int(rounds), len(dk)), dk)


def werkzeug(pw: str, h: str) -> bool:
    method, salt, hexhash = h.split("$")
    name, *args = method.split(":")
    if name == "pbkdf2":
        dk = hashlib.pbkdf2_hmac(args[0], pw.encode(), salt.encode(), int(args[1]))
    else:
        n, r, p = map(int, args)
        dk = hashlib.scrypt(pw.encode(), salt=salt.encode(), n=n, r=r, p=p, dklen=64, maxmem=132 * n * r * p)
    return hmac.compare_digest(dk.hex(), hexhash)


def symfony(pw: str, salt: str) -> str:
    salted = (pw + "{" + salt + "}" if salt else pw).encode()
    d = hashlib.sha512(salted).digest()
    for _ in range(4999):
        d = hashlib.sha512(d + salted).digest()
    return base64.b64encode(d).decode()


def scrypt_phc(pw: str, h: str) -> bool:
    _, ident, params, salt, digest = h.split("$")
    kv = dict(item.split("=") for item in params.split(","))
    dk = b64d(digest)
    n, r, p = 1 << int(kv["ln"]), int(kv["r"]), int(kv["p"])
    return hmac.compare_digest(hashlib.scrypt(pw.encode(), salt=b64d(salt), n=n, r=r, p=p, dklen=len(dk),
                                              maxmem=256 * 1024 * 1024), dk)


def verify(v: dict, pw: str) -> bool:
    t, h, b = v["hash_type"], v["hash"], pw.encode()
    cfg = v.get(CONFIG[t]) if CONFIG[t] else None
    if t in ("bcrypt",):
        return bcrypt.checkpw(b, h.encode())
    if t == "devise_bcrypt":
        return bcrypt.checkpw((pw + cfg["pepper"]).encode(), h.encode())
    if t == "bcrypt_sha_256":
        d = hashlib.sha256(b).digest()
        pre = d.hex() if cfg["pre_hash_encoding"] == "hex" else base64.b64encode(d).decode()
        return bcrypt.checkpw(pre.encode(), h.encode())
    if t == "scrypt":
        if cfg is None:
            return scrypt_phc(pw, h)
        dk = hashlib.scrypt(b, salt=b64d(cfg["salt"]), n=cfg["n_parameter"], r=cfg["r_parameter"],
                            p=cfg["p_parameter"], dklen=cfg["key_length"], maxmem=256 * 1024 * 1024)
        return base64.b64encode(dk).decode() == h
    if t in ("argon_2i", "argon_2id"):
        want = "$argon2i$" if t == "argon_2i" else "$argon2id$"
        if cfg is None:
            if not h.startswith(want):
                raise ValueError("encoded argon2 variant does not match hash_type")
            try:
                return argon2.PasswordHasher().verify(h, pw)
            except argon2.exceptions.VerifyMismatchError:
                return False
        raw = hash_secret_raw(b, cfg["salt"].encode(), time_cost=cfg["iteration_amount"], memory_cost=cfg["memory"],
                              parallelism=cfg["threads"], hash_len=cfg["key_length"],
                              type=Type.I if t == "argon_2i" else Type.ID)
        return raw.hex() == h
    if t in ("md_5", "sha_1", "sha_256", "sha_512"):
        algo = {"md_5": "md5", "sha_1": "sha1", "sha_256": "sha256", "sha_512": "sha512"}[t]
        cfg = cfg or {"prepend_salt": "", "append_salt": ""}
        return hashlib.new(algo, (cfg["prepend_salt"] + pw + cfg["append_salt"]).encode()).hexdigest() == h
    if t == "pbkdf_2":
        dk = hashlib.pbkdf2_hmac(cfg["algorithm"], b, b64d(cfg["salt"]), cfg["iteration_amount"], cfg["key_length"])
        return base64.b64encode(dk).decode() == h
    if t == "phpass":
        return phpass_like("md5", b, h, 34) == h
    if t == "drupal_7":
        return phpass_like("sha512", b, h, 55) == h
    if t == "firebase_scrypt":
        return firebase(b, cfg) == h
    if t in ("md_5_crypt", "sha_256_crypt", "sha_512_crypt", "apr_1"):
        handler = {"md_5_crypt": ph.md5_crypt, "sha_256_crypt": ph.sha256_crypt,
                   "sha_512_crypt": ph.sha512_crypt, "apr_1": ph.apr_md5_crypt}[t]
        if not handler.identify(h):
            raise ValueError("not recognised by passlib")
        return handler.verify(pw, h)
    if t == "ldap":
        return ldap(b, h)
    if t == "django":
        return django_check(pw, h)
    if t == "passlib":
        return passlib_modular(pw, h)
    if t == "aspnet_identity":
        return aspnet_identity(pw, h)
    if t == "aspnet_membership":
        return base64.b64encode(hashlib.sha1(b64d(cfg["salt"]) + pw.encode("utf-16-le")).digest()).decode() == h
    if t == "werkzeug":
        return werkzeug(pw, h)
    if t == "symfony_sha_512":
        return symfony(pw, cfg["salt"]) == h
    if t in ("hmac_sha_256", "hmac_sha_512"):
        enc = cfg.get("key_encoding", "utf8")
        key = bytes.fromhex(cfg["key"]) if enc == "hex" else base64.b64decode(cfg["key"]) if enc == "base64" else cfg["key"].encode()
        return hmac.new(key, b, "sha256" if t == "hmac_sha_256" else "sha512").hexdigest() == h
    raise ValueError(f"no check for {t}")


def main() -> None:
    from django.conf import settings
    settings.configure(PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.BCryptSHA256PasswordHasher"])

    vectors, seen = [], set()
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        v = json.loads(line)
        name = v.get("case", f"line {n}")
        try:
            t = v["hash_type"]
            if t not in CONFIG:
                raise ValueError(f"unknown hash_type {t!r}")
            if name in seen:
                raise ValueError("duplicate case name")
            seen.add(name)
            allowed = {"case", "hash_type", "hash", "password", "generator"} | ({CONFIG[t]} if CONFIG[t] else set())
            if set(v) - allowed or not {"case", "hash_type", "hash", "password", "generator"} <= set(v):
                raise ValueError(f"unexpected or missing fields {sorted(v)}")
            if CONFIG[t] and CONFIG[t] not in v and t not in OPTIONAL_CONFIG:
                raise ValueError(f"missing {CONFIG[t]}")
            if not verify(v, v["password"]):
                raise ValueError("does not verify with the cross-check implementation")
            if verify(v, v["password"] + "x"):
                raise ValueError("also verifies a wrong password")
        except Exception as e:  # noqa: BLE001 - report which vector failed, then stop
            sys.exit(f"check_vectors.py: {name}: {type(e).__name__}: {e}")
        vectors.append(v)

    order = list(CONFIG)
    missing = [t for t in order if sum(v["hash_type"] == t for v in vectors) < 2]
    if missing:
        sys.exit(f"check_vectors.py: fewer than 2 vectors for {missing}")
    vectors.sort(key=lambda v: order.index(v["hash_type"]))  # stable: keeps generator order within a type
    for v in vectors:
        sys.stdout.write(json.dumps(v, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
