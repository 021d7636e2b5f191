#!/usr/bin/python3
"""Known-answer password hash vectors made with Debian's python3-* libraries.

Run with /usr/bin/python3 (the Debian packages python3-passlib, python3-argon2,
python3-bcrypt, python3-cryptography, python3-django and python3-werkzeug are
importable only from the system interpreter). Writes JSON lines to stdout.

Where a format has no ready-made tool here (raw/salted digests, Firebase scrypt,
ASP.NET Membership, Werkzeug's scrypt format, bcrypt over a SHA-256 pre-hash,
Devise's pepper) the hash is computed from the format's documented formula with
hashlib/hmac/bcrypt/cryptography; the formula is spelled out next to each.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import sys

import argon2
import bcrypt
import django
import werkzeug
import werkzeug.security
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from passlib import hash as ph

UTF8 = "pässwörd-日本"  # non-ASCII password used by at least one vector of every format


def emit(case, hash_type, hash_, password, generator, config_key=None, config=None):
    line = {"case": case, "hash_type": hash_type, "hash": hash_}
    if config_key is not None:
        line[config_key] = config
    line["password"] = password
    line["generator"] = generator
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ---------------------------------------------------------------- bcrypt
BCRYPT = f"python3-bcrypt {bcrypt.__version__}"
emit("bcrypt_2b_cost4_python", "bcrypt",
     bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(rounds=4)).decode(),
     "correct horse battery staple", f"{BCRYPT} bcrypt.hashpw(pw, bcrypt.gensalt(rounds=4))")
emit("bcrypt_2a_cost5_python_utf8", "bcrypt",
     bcrypt.hashpw(UTF8.encode(), bcrypt.gensalt(rounds=5, prefix=b"2a")).decode(),
     UTF8, f"{BCRYPT} bcrypt.hashpw(pw, bcrypt.gensalt(rounds=5, prefix=b'2a'))")

# ---------------------------------------------------------------- scrypt
PASSLIB = "python3-passlib 1.7.4"
for case, pw, ln, r, p in [("scrypt_phc_ln10_r8_p1", "password", 10, 8, 1),
                           ("scrypt_phc_ln8_r4_p2_utf8", UTF8, 8, 4, 2)]:
    emit(case, "scrypt", ph.scrypt.using(rounds=ln, block_size=r, parallelism=p).hash(pw), pw,
         f"{PASSLIB} passlib.hash.scrypt.using(rounds={ln}, block_size={r}, parallelism={p}).hash")

# raw: hash = base64(scrypt(password, salt, N, r, p, dklen))
for case, pw, salt, n, r, p, dklen in [("scrypt_raw_n1024_r8_p1_dk32", "hunter2", os.urandom(16), 1024, 8, 1, 32),
                                       ("scrypt_raw_n512_r8_p2_dk64_utf8", UTF8, os.urandom(32), 512, 8, 2, 64)]:
    dk = hashlib.scrypt(pw.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen)
    emit(case, "scrypt", b64(dk), pw, f"python hashlib.scrypt(pw, salt=salt, n={n}, r={r}, p={p}, dklen={dklen})",
         "scrypt_config", {"salt": b64(salt), "n_parameter": n, "r_parameter": r, "p_parameter": p,
                           "key_length": dklen})

# ---------------------------------------------------------------- argon2
ARGON2 = f"python3-argon2 (argon2-cffi {argon2.__version__})"
for hash_type, typ, tname in [("argon_2id", argon2.Type.ID, "ID"), ("argon_2i", argon2.Type.I, "I")]:
    short = tname.lower()
    emit(f"argon2{short}_encoded_m64_t2_p1_cffi", hash_type,
         argon2.PasswordHasher(time_cost=2, memory_cost=64, parallelism=1, type=typ).hash("correct horse battery staple"),
         "correct horse battery staple",
         f"{ARGON2} PasswordHasher(time_cost=2, memory_cost=64, parallelism=1, type=Type.{tname}).hash")
    emit(f"argon2{short}_encoded_m128_t1_p2_passlib_utf8", hash_type,
         ph.argon2.using(type=tname, memory_cost=128, rounds=1, parallelism=2, salt_size=12, digest_size=32).hash(UTF8),
         UTF8,
         f"{PASSLIB} passlib.hash.argon2.using(type='{tname}', memory_cost=128, rounds=1, parallelism=2, salt_size=12, digest_size=32).hash")
    # raw: hash = hex(argon2 output); the config salt is a text string whose UTF-8 bytes are the salt
    for case, pw, salt, t, m, par, klen in [(f"argon2{short}_raw_m64_t2_p1_k32", "password", "somesalt-" + secrets.token_hex(4), 2, 64, 1, 32),
                                            (f"argon2{short}_raw_m256_t1_p4_k16_utf8", UTF8, "sälz-" + secrets.token_hex(6), 1, 256, 4, 16)]:
        raw = hash_secret_raw(pw.encode(), salt.encode(), time_cost=t, memory_cost=m, parallelism=par,
                              hash_len=klen, type=Type.ID if tname == "ID" else Type.I)
        emit(case, hash_type, raw.hex(), pw,
             f"{ARGON2} argon2.low_level.hash_secret_raw(pw, salt.encode(), time_cost={t}, memory_cost={m}, parallelism={par}, hash_len={klen}, type=Type.{tname})",
             "argon_2_config", {"salt": salt, "iteration_amount": t, "memory": m, "threads": par, "key_length": klen})

# ------------------------------------------------- md_5 / sha_1 / sha_256 / sha_512 (salted)
# hash = hex(H(prepend_salt + password + append_salt)); the unsalted vectors come from openssl dgst in generate.sh
for hash_type, algo in [("md_5", "md5"), ("sha_1", "sha1"), ("sha_256", "sha256"), ("sha_512", "sha512")]:
    cfg_key = f"{hash_type}_config"
    for case, pw, pre, app in [(f"{hash_type}_prepend_append_utf8", UTF8, secrets.token_hex(4), "$" + secrets.token_hex(3)),
                               (f"{hash_type}_prepend_only", "hunter2", secrets.token_urlsafe(6), "")]:
        emit(case, hash_type, hashlib.new(algo, (pre + pw + app).encode()).hexdigest(), pw,
             f"python hashlib.{algo}((prepend_salt + pw + append_salt).encode()).hexdigest()",
             cfg_key, {"prepend_salt": pre, "append_salt": app})
    if hash_type in ("md_5", "sha_1"):
        pre, app = "", secrets.token_hex(5)
        emit(f"{hash_type}_append_only", hash_type, hashlib.new(algo, (pre + "password" + app).encode()).hexdigest(),
             "password", f"python hashlib.{algo}((prepend_salt + pw + append_salt).encode()).hexdigest()",
             cfg_key, {"prepend_salt": pre, "append_salt": app})

# ---------------------------------------------------------------- pbkdf_2
# hash = base64(PBKDF2-HMAC-<algorithm>(password, salt, iterations, dklen))
for case, pw, algo, it, dklen, salt in [("pbkdf2_sha256_i1000_dk32", "password", "sha256", 1000, 32, os.urandom(16)),
                                        ("pbkdf2_sha256_i2000_dk64_utf8", UTF8, "sha256", 2000, 64, os.urandom(8)),
                                        ("pbkdf2_sha512_i1000_dk64", "correct horse battery staple", "sha512", 1000, 64, os.urandom(16)),
                                        ("pbkdf2_sha512_i500_dk32_utf8", UTF8, "sha512", 500, 32, os.urandom(24))]:
    dk = hashlib.pbkdf2_hmac(algo, pw.encode(), salt, it, dklen)
    emit(case, "pbkdf_2", b64(dk), pw, f"python hashlib.pbkdf2_hmac('{algo}', pw, salt, {it}, {dklen})",
         "pbkdf_2_config", {"salt": b64(salt), "iteration_amount": it, "key_length": dklen, "algorithm": algo})

# ---------------------------------------------------------------- phpass
for case, pw, ident, rounds in [("phpass_P_rounds8", "password", "P", 8),
                                ("phpass_H_rounds9_utf8", UTF8, "H", 9),
                                ("phpass_P_rounds7_utf8", UTF8, "P", 7)]:
    emit(case, "phpass", ph.phpass.using(ident=ident, rounds=rounds).hash(pw), pw,
         f"{PASSLIB} passlib.hash.phpass.using(ident='{ident}', rounds={rounds}).hash")

# ---------------------------------------------------------------- firebase_scrypt
# firebase/scrypt README: key = scrypt(pw, salt || salt_separator, N=2^memory_cost, r=rounds, p=1)[:32];
# passwordHash = base64(AES-256-CTR(key, iv=16 zero bytes).encrypt(signer_key))


def firebase_scrypt(pw: bytes, salt: bytes, sep: bytes, signer_key: bytes, rounds: int, mem_cost: int) -> bytes:
    key = hashlib.scrypt(pw, salt=salt + sep, n=1 << mem_cost, r=rounds, p=1, dklen=32, maxmem=256 * 1024 * 1024)
    enc = Cipher(algorithms.AES(key), modes.CTR(b"\0" * 16)).encryptor()
    return enc.update(signer_key) + enc.finalize()


README = dict(password="user1password", salt="42xEC+ixf3L2lw==", salt_separator="Bw==", rounds=8, memory_cost=14,
              signer_key="jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
              hash="lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==")
recomputed = firebase_scrypt(README["password"].encode(), base64.b64decode(README["salt"]),
                             base64.b64decode(README["salt_separator"]), base64.b64decode(README["signer_key"]),
                             README["rounds"], README["memory_cost"])
if b64(recomputed) != README["hash"]:
    sys.exit("firebase_scrypt: the implementation does not reproduce the firebase/scrypt README example")
FB_CFG = ("salt", "salt_separator", "signer_key", "rounds", "memory_cost")
emit("firebase_scrypt_readme_example", "firebase_scrypt", README["hash"], README["password"],
     "firebase/scrypt README example", "firebase_scrypt_config", {k: README[k] for k in FB_CFG})
for case, pw, sep, rounds, mem in [("firebase_scrypt_r8_mem10", "correct horse battery staple", b"\x07", 8, 10),
                                   ("firebase_scrypt_r4_mem9_utf8", UTF8, os.urandom(2), 4, 9)]:
    salt, signer = os.urandom(12), os.urandom(64)
    emit(case, "firebase_scrypt", b64(firebase_scrypt(pw.encode(), salt, sep, signer, rounds, mem)), pw,
         f"python hashlib.scrypt(pw, salt+salt_separator, n=2**{mem}, r={rounds}, p=1, dklen=32) + python3-cryptography AES-256-CTR(iv=0) over signer_key (firebase/scrypt README algorithm)",
         "firebase_scrypt_config", {"salt": b64(salt), "salt_separator": b64(sep), "signer_key": b64(signer),
                                    "rounds": rounds, "memory_cost": mem})

# ---------------------------------------------------------------- ldap
for handler, scheme, salt_size in [("ldap_sha1", "SHA", None), ("ldap_salted_sha1", "SSHA", 4),
                                   ("ldap_salted_sha256", "SSHA256", 8), ("ldap_salted_sha512", "SSHA512", 16),
                                   ("ldap_md5", "MD5", None), ("ldap_salted_md5", "SMD5", 4)]:
    for case, pw in [(f"ldap_{scheme.lower()}", "password"), (f"ldap_{scheme.lower()}_utf8", UTF8)]:
        h = getattr(ph, handler)
        call = f"passlib.hash.{handler}.hash"
        if salt_size is not None and case.endswith("utf8"):
            h, call = h.using(salt_size=salt_size), f"passlib.hash.{handler}.using(salt_size={salt_size}).hash"
        emit(case, "ldap", h.hash(pw), pw, f"{PASSLIB} {call}")

# ---------------------------------------------------------------- django
from django.conf import settings  # noqa: E402

settings.configure()
from django.contrib.auth import hashers as dj  # noqa: E402

DJANGO = f"python3-django {django.get_version()}"


class Pbkdf2Sha256(dj.PBKDF2PasswordHasher):
    iterations = 1000


class Pbkdf2Sha1(dj.PBKDF2SHA1PasswordHasher):
    iterations = 1200


class Argon2(dj.Argon2PasswordHasher):
    time_cost, memory_cost, parallelism = 1, 64, 1


class BcryptSha256(dj.BCryptSHA256PasswordHasher):
    rounds = 4


for case, cls, pw, note in [("django_pbkdf2_sha256_django", Pbkdf2Sha256, UTF8, "iterations=1000"),
                            ("django_pbkdf2_sha1_django", Pbkdf2Sha1, "password", "iterations=1200"),
                            ("django_argon2id_django", Argon2, UTF8, "time_cost=1, memory_cost=64, parallelism=1"),
                            ("django_bcrypt_sha256_django", BcryptSha256, UTF8, "rounds=4")]:
    hasher = cls()
    emit(case, "django", hasher.encode(pw, hasher.salt()), pw,
         f"{DJANGO} django.contrib.auth.hashers.{cls.__mro__[1].__name__} ({note}).encode(pw, salt())")

for case, handler, opts, pw in [("django_pbkdf2_sha256_passlib", "django_pbkdf2_sha256", dict(rounds=1500), "correct horse battery staple"),
                                ("django_pbkdf2_sha1_passlib", "django_pbkdf2_sha1", dict(rounds=1000), UTF8),
                                ("django_argon2id_passlib", "django_argon2", dict(type="ID", memory_cost=128, rounds=2, parallelism=2), "password"),
                                # Django < 3.2 wrote argon2i under the same "argon2$" prefix
                                ("django_argon2i_passlib_legacy", "django_argon2", dict(type="I", memory_cost=64, rounds=2, parallelism=1), UTF8),
                                ("django_bcrypt_sha256_passlib", "django_bcrypt_sha256", dict(rounds=5), "password")]:
    args = ", ".join(f"{k}={v!r}" for k, v in opts.items())
    emit(case, "django", getattr(ph, handler).using(**opts).hash(pw), pw,
         f"{PASSLIB} passlib.hash.{handler}.using({args}).hash")

# ---------------------------------------------------------------- passlib modular pbkdf2
for case, handler, rounds, pw in [("passlib_pbkdf2_sha256", "pbkdf2_sha256", 1000, "password"),
                                  ("passlib_pbkdf2_sha256_utf8", "pbkdf2_sha256", 2000, UTF8),
                                  ("passlib_pbkdf2_sha512", "pbkdf2_sha512", 1000, "correct horse battery staple"),
                                  ("passlib_pbkdf2_sha512_utf8", "pbkdf2_sha512", 1500, UTF8),
                                  ("passlib_pbkdf2_sha1", "pbkdf2_sha1", 1000, "hunter2"),
                                  ("passlib_pbkdf2_sha1_utf8", "pbkdf2_sha1", 2000, UTF8)]:
    emit(case, "passlib", getattr(ph, handler).using(rounds=rounds).hash(pw), pw,
         f"{PASSLIB} passlib.hash.{handler}.using(rounds={rounds}).hash")

# ---------------------------------------------------------------- aspnet_membership
# "Hashed" SqlMembershipProvider format: base64(SHA1(salt_bytes || UTF-16LE(password))), salt stored as base64
for case, pw in [("aspnet_membership_sha1", "password"), ("aspnet_membership_sha1_utf8", UTF8)]:
    salt = os.urandom(16)
    emit(case, "aspnet_membership", b64(hashlib.sha1(salt + pw.encode("utf-16-le")).digest()), pw,
         "python hashlib.sha1(salt_bytes + pw.encode('utf-16-le')) (documented SqlMembershipProvider SHA1 formula)",
         "aspnet_membership_config", {"salt": b64(salt)})

# ---------------------------------------------------------------- werkzeug
WERKZEUG = f"python3-werkzeug {werkzeug.__version__}"
for case, pw, method in [("werkzeug_pbkdf2_sha256_i1000", "password", "pbkdf2:sha256:1000"),
                         ("werkzeug_pbkdf2_sha256_i2000_utf8", UTF8, "pbkdf2:sha256:2000")]:
    emit(case, "werkzeug", werkzeug.security.generate_password_hash(pw, method=method), pw,
         f"{WERKZEUG} werkzeug.security.generate_password_hash(pw, method='{method}')")
# Werkzeug >= 3.0 scrypt (not in Debian 12's Werkzeug 2.2): "scrypt:N:r:p$salt$" + hex(scrypt(pw, salt.encode(), N, r, p, dklen=64))
n, r, p = 1024, 8, 1
salt = werkzeug.security.gen_salt(16)
dk = hashlib.scrypt(UTF8.encode(), salt=salt.encode(), n=n, r=r, p=p, dklen=64, maxmem=132 * n * r * p)
emit("werkzeug_scrypt_n1024_utf8", "werkzeug", f"scrypt:{n}:{r}:{p}${salt}${dk.hex()}", UTF8,
     "python hashlib.scrypt(pw, salt=salt.encode(), n=1024, r=8, p=1, dklen=64).hex() in Werkzeug 3's 'scrypt:N:r:p$salt$hex' layout (salt from werkzeug.security.gen_salt(16))")

# ---------------------------------------------------------------- devise_bcrypt
# Devise::Encryptor.digest: BCrypt::Password.create("#{password}#{pepper}", cost: stretches)
pepper = secrets.token_hex(32)
emit("devise_bcrypt_pepper_python", "devise_bcrypt",
     bcrypt.hashpw((UTF8 + pepper).encode(), bcrypt.gensalt(rounds=4, prefix=b"2a")).decode(), UTF8,
     f"{BCRYPT} bcrypt.hashpw((pw + pepper).encode(), bcrypt.gensalt(rounds=4, prefix=b'2a'))",
     "devise_config", {"pepper": pepper})

# ---------------------------------------------------------------- hmac_sha_256 / hmac_sha_512
for hash_type, algo in [("hmac_sha_256", "sha256"), ("hmac_sha_512", "sha512")]:
    key = "k-" + secrets.token_urlsafe(12) + "-schlüssel"
    emit(f"{hash_type}_python_utf8", hash_type, hmac.new(key.encode(), UTF8.encode(), algo).hexdigest(), UTF8,
         f"python hmac.new(key.encode(), pw.encode(), '{algo}').hexdigest()", "hmac_config", {"key": key})
    # a binary key (random bytes, not UTF-8 text), given in base64
    raw = secrets.token_bytes(32) + b"\x00\xff"
    emit(f"{hash_type}_python_base64_key", hash_type, hmac.new(raw, UTF8.encode(), algo).hexdigest(), UTF8,
         f"python hmac.new(os.urandom(34), pw.encode(), '{algo}').hexdigest()", "hmac_config",
         {"key": base64.b64encode(raw).decode(), "key_encoding": "base64"})

# ---------------------------------------------------------------- bcrypt_sha_256
# bcrypt input = hex (64 chars) or standard base64 (44 chars) of SHA-256(password)
for case, pw, enc, rounds in [("bcrypt_sha256_hex", "correct horse battery staple", "hex", 4),
                              ("bcrypt_sha256_hex_utf8", UTF8, "hex", 5),
                              ("bcrypt_sha256_base64", "password", "base64", 4),
                              ("bcrypt_sha256_base64_utf8", UTF8, "base64", 4)]:
    digest = hashlib.sha256(pw.encode()).digest()
    pre = digest.hex() if enc == "hex" else b64(digest)
    call = "hashlib.sha256(pw).hexdigest()" if enc == "hex" else "base64.b64encode(hashlib.sha256(pw).digest())"
    emit(case, "bcrypt_sha_256", bcrypt.hashpw(pre.encode(), bcrypt.gensalt(rounds=rounds)).decode(), pw,
         f"{BCRYPT} bcrypt.hashpw({call}, bcrypt.gensalt(rounds={rounds}))",
         "bcrypt_sha_256_config", {"pre_hash_encoding": enc})
