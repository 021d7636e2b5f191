#!/usr/bin/python3
"""Reads vectors.jsonl on stdin and writes malformed.jsonl: mutated copies of good vectors that a
verifier must reject as malformed (not merely as a wrong password). Each line is
{"case", "hash_type", "hash", optional config, "why"}; no password is needed.
"""

import base64
import copy
import json
import re
import sys

vectors = [json.loads(line) for line in sys.stdin if line.strip()]
out = []


def first(hash_type, pred=lambda v: True):
    for v in vectors:
        if v["hash_type"] == hash_type and pred(v):
            return v
    raise SystemExit(f"make_malformed.py: no vector of type {hash_type} for a mutation")


def bad(source, case, why, hash_=None, config=None, hash_type=None):
    """Emit a malformed copy of `source`: replaced hash and/or config (a dict replaces the config object,
    the string "drop" removes it; hash_type relabels the vector)."""
    line = {"case": case, "hash_type": hash_type or source["hash_type"], "hash": source["hash"] if hash_ is None else hash_}
    cfg_key = next((k for k in source if k.endswith("_config")), None)
    if config == "drop":
        cfg_key = None
    elif config is not None:
        cfg_key = cfg_key or "config"
        line[cfg_key] = config
    if cfg_key and cfg_key not in line:
        line[cfg_key] = copy.deepcopy(source[cfg_key])
    if all(line.get(k) == source.get(k) for k in set(line) | set(source) if k not in ("case", "password", "generator")):
        raise SystemExit(f"make_malformed.py: {case} is not a mutation of {source['case']}")
    line["why"] = why
    out.append(line)


def b64_to_hex(s):
    return base64.b64decode(s + "=" * (-len(s) % 4)).hex()


def cut_b64(s, by=8):
    """Shorten an unpadded base64 string by at least `by` chars to a length that is 1 (mod 4), which
    no unpadded base64 string can have: a truncation that a parser must notice."""
    n = len(s) - by
    while n % 4 != 1:
        n -= 1
    return s[:n]


def with_cfg(v, **changes):
    cfg = copy.deepcopy(next(v[k] for k in v if k.endswith("_config")))
    cfg.update(changes)
    return cfg


# ---- bcrypt
v = first("bcrypt")
bad(v, "bcrypt_truncated", "truncated digest", v["hash"][:-5])
bad(v, "bcrypt_cost_32", "cost out of range (32)", v["hash"][:4] + "32" + v["hash"][6:])
bad(v, "bcrypt_cost_03", "cost out of range (3 < 4)", v["hash"][:4] + "03" + v["hash"][6:])
bad(v, "bcrypt_bad_version", "unknown bcrypt version $2q$", "$2q$" + v["hash"][4:])
bad(v, "bcrypt_bad_alphabet", "character outside bcrypt's base64 alphabet", v["hash"][:-1] + "!")

# ---- scrypt
v = first("scrypt", lambda v: v["hash"].startswith("$scrypt$"))
head, salt, digest = v["hash"].rsplit("$", 2)
bad(v, "scrypt_phc_truncated", "truncated digest (invalid base64 length)", f"{head}${salt}${cut_b64(digest)}")
bad(v, "scrypt_phc_missing_salt", "dropped $ field (salt)", f"{head}${digest}")
bad(v, "scrypt_phc_ln0", "N = 2^0 = 1 is out of range (N must be > 1)", re.sub(r"ln=\d+", "ln=0", v["hash"]))
bad(v, "scrypt_phc_ln64", "N = 2^64 is out of range", re.sub(r"ln=\d+", "ln=64", v["hash"]))
bad(v, "scrypt_phc_p0", "p parameter out of range (0)", re.sub(r"p=\d+", "p=0", v["hash"]))
bad(v, "scrypt_phc_missing_r", "r parameter missing", re.sub(r",r=\d+", "", v["hash"]))
v = first("scrypt", lambda v: "scrypt_config" in v)
bad(v, "scrypt_raw_n_not_power_of_two", "N not a power of two", config=with_cfg(v, n_parameter=1000))
bad(v, "scrypt_raw_hex_hash", "hex where base64 expected (decoded length differs from key_length)", b64_to_hex(v["hash"]))
bad(v, "scrypt_raw_salt_not_base64", "salt is not base64", config=with_cfg(v, salt="not base64!"))
bad(v, "scrypt_raw_key_length_mismatch", "key_length does not match the decoded hash length",
    config=with_cfg(v, key_length=v["scrypt_config"]["key_length"] + 8))
bad(v, "scrypt_raw_r_zero", "r parameter out of range (0)", config=with_cfg(v, r_parameter=0))

# ---- argon2
for t, other in (("argon_2id", "argon_2i"), ("argon_2i", "argon_2id")):
    short = t.replace("_", "")
    v = first(t, lambda v: v["hash"].startswith("$argon2"))
    parts = v["hash"].split("$")  # ['', variant, 'v=19', 'm=..,t=..,p=..', salt, hash]
    bad(v, f"{short}_encoded_truncated", "truncated digest (invalid base64 length)", "$".join(parts[:5] + [cut_b64(parts[5])]))
    bad(v, f"{short}_encoded_missing_salt", "dropped $ field (salt)", "$".join(parts[:4] + parts[5:]))
    bad(v, f"{short}_encoded_m0", "memory out of range (m=0)", "$".join(parts[:3] + ["m=0," + parts[3].split(",", 1)[1]] + parts[4:]))
    bad(v, f"{short}_encoded_t0", "iterations out of range (t=0)",
        "$".join(parts[:3] + [",".join(p if not p.startswith("t=") else "t=0" for p in parts[3].split(","))] + parts[4:]))
    bad(v, f"{short}_encoded_short_salt", "bad salt length (4 bytes; Argon2 needs at least 8)", "$".join(parts[:4] + ["c2FsdA"] + parts[5:]))
    o = first(other, lambda v: v["hash"].startswith("$argon2"))
    bad(o, f"{short}_encoded_wrong_variant", f"{o['hash'].split('$')[1]} hash given as {t}", hash_type=t)
    v = first(t, lambda v: "argon_2_config" in v)
    bad(v, f"{short}_raw_short_salt", "bad salt length (Argon2 needs at least 8 bytes)", config=with_cfg(v, salt="short"))
    bad(v, f"{short}_raw_memory_too_low", "memory below 8 * threads KiB", config=with_cfg(v, memory=4, threads=1))
    bad(v, f"{short}_raw_not_hex", "base64 where hex expected",
        base64.b64encode(bytes.fromhex(v["hash"])).decode())
    bad(v, f"{short}_raw_key_length_mismatch", "key_length does not match the hash length",
        config=with_cfg(v, key_length=v["argon_2_config"]["key_length"] * 2))

# ---- md_5 / sha_1 / sha_256 / sha_512
for t in ("md_5", "sha_1", "sha_256", "sha_512"):
    v = first(t, lambda v: f"{t}_config" not in v)
    bad(v, f"{t}_truncated", "truncated digest", v["hash"][:-2])
    bad(v, f"{t}_base64", "base64 where hex expected", base64.b64encode(bytes.fromhex(v["hash"])).decode())
    bad(v, f"{t}_non_hex", "non-hex character", "g" + v["hash"][1:])

# ---- pbkdf_2
v = first("pbkdf_2")
bad(v, "pbkdf2_hex_hash", "hex where base64 expected (decoded length differs from key_length)", b64_to_hex(v["hash"]))
bad(v, "pbkdf2_zero_iterations", "iteration_amount out of range (0)", config=with_cfg(v, iteration_amount=0))
bad(v, "pbkdf2_unknown_algorithm", "unknown algorithm", config=with_cfg(v, algorithm="md5"))
bad(v, "pbkdf2_key_length_mismatch", "key_length does not match the decoded hash length",
    config=with_cfg(v, key_length=v["pbkdf_2_config"]["key_length"] + 1))
bad(v, "pbkdf2_salt_not_base64", "salt is not base64", config=with_cfg(v, salt="%%%"))

# ---- phpass
v = first("phpass")
bad(v, "phpass_truncated", "truncated digest", v["hash"][:-4])
bad(v, "phpass_count_too_low", "count out of range (2^6 < 2^7)", v["hash"][:3] + "4" + v["hash"][4:])
bad(v, "phpass_count_too_high", "count out of range (2^31 > 2^30)", v["hash"][:3] + "T" + v["hash"][4:])
bad(v, "phpass_bad_prefix", "unknown prefix $Q$", "$Q$" + v["hash"][3:])

# ---- firebase_scrypt
v = first("firebase_scrypt")
bad(v, "firebase_scrypt_truncated", "truncated digest (decoded hash shorter than signer_key)", v["hash"][:20])
bad(v, "firebase_scrypt_memory_cost_0", "memory_cost out of range (0)", config=with_cfg(v, memory_cost=0))
bad(v, "firebase_scrypt_rounds_0", "rounds out of range (0)", config=with_cfg(v, rounds=0))
bad(v, "firebase_scrypt_salt_not_base64", "salt is not base64", config=with_cfg(v, salt="*not*base64*"))
bad(v, "firebase_scrypt_hex_hash", "hex where base64 expected (decodes to a different length than signer_key)", b64_to_hex(v["hash"]))
cfg = with_cfg(v)
del cfg["signer_key"]
bad(v, "firebase_scrypt_no_signer_key", "signer_key missing from config", config=cfg)

# ---- crypt formats
for t, prefix in (("md_5_crypt", "$1$"), ("sha_256_crypt", "$5$"), ("sha_512_crypt", "$6$"), ("apr_1", "$apr1$")):
    v = first(t, lambda v: "rounds=" not in v["hash"])
    head, digest = v["hash"].rsplit("$", 1)
    bad(v, f"{t}_truncated", "truncated digest", v["hash"][:-6])
    bad(v, f"{t}_missing_digest", "dropped $ field (digest)", head)
    bad(v, f"{t}_bad_alphabet", "character outside the crypt base64 alphabet", head + "$" + digest[:-1] + "=")
for t in ("sha_256_crypt", "sha_512_crypt"):
    v = first(t, lambda v: "rounds=" in v["hash"])
    bad(v, f"{t}_rounds_not_number", "rounds is not a number",
        v["hash"].replace("rounds=" + v["hash"].split("rounds=")[1].split("$")[0], "rounds=abc"))
v = first("md_5_crypt")
bad(v, "md_5_crypt_wrong_prefix", "sha512-crypt prefix under md_5_crypt", "$6$" + v["hash"][3:])

# ---- ldap
v = first("ldap", lambda v: v["hash"].startswith("{SSHA}"))
bad(v, "ldap_unknown_scheme", "unknown scheme {SSHA3}", "{SSHA3}" + v["hash"][6:])
bad(v, "ldap_ssha_too_short", "decoded {SSHA} shorter than a SHA-1 digest",
    "{SSHA}" + base64.b64encode(base64.b64decode(v["hash"][6:])[:12]).decode())
v = first("ldap", lambda v: v["hash"].startswith("{SHA}"))
bad(v, "ldap_sha_hex", "hex where base64 expected", "{SHA}" + b64_to_hex(v["hash"][5:]))
bad(v, "ldap_sha_truncated", "truncated digest", "{SHA}" + base64.b64encode(base64.b64decode(v["hash"][5:])[:-4]).decode())
bad(v, "ldap_no_scheme", "missing {SCHEME} prefix", v["hash"][5:])

# ---- django
v = first("django", lambda v: v["hash"].startswith("pbkdf2_sha256$"))
algo, iters, salt, digest = v["hash"].split("$")
bad(v, "django_unknown_algorithm", "unknown algorithm pbkdf2_md5", "$".join(["pbkdf2_md5", iters, salt, digest]))
bad(v, "django_iterations_not_number", "iterations is not a number", "$".join([algo, "many", salt, digest]))
bad(v, "django_missing_salt", "dropped $ field (salt)", "$".join([algo, iters, digest]))
bad(v, "django_hex_digest", "hex where base64 expected (decodes to 48 bytes, not SHA-256's 32)", "$".join([algo, iters, salt, b64_to_hex(digest)]))
v = first("django", lambda v: v["hash"].startswith("argon2$"))
parts = v["hash"].split("$")  # ['argon2', variant, 'v=19', params, salt, hash]
bad(v, "django_argon2_missing_salt", "dropped $ field (salt)", "$".join(parts[:4] + parts[5:]))
v = first("django", lambda v: v["hash"].startswith("bcrypt_sha256$"))
bad(v, "django_bcrypt_sha256_truncated", "truncated bcrypt digest", v["hash"][:-8])

# ---- passlib
v = first("passlib", lambda v: v["hash"].startswith("$pbkdf2-sha256$"))
_, ident, rounds, salt, digest = v["hash"].split("$")
bad(v, "passlib_missing_salt", "dropped $ field (salt)", f"${ident}${rounds}${digest}")
bad(v, "passlib_rounds_zero", "rounds out of range (0)", f"${ident}$0${salt}${digest}")
bad(v, "passlib_unknown_ident", "unknown ident $pbkdf2-md5$", f"$pbkdf2-md5${rounds}${salt}${digest}")
bad(v, "passlib_truncated", "truncated digest (invalid base64 length)", f"${ident}${rounds}${salt}${cut_b64(digest)}")

# ---- aspnet_identity
v = first("aspnet_identity", lambda v: v["hash"].startswith("AQAAAA"))
blob = base64.b64decode(v["hash"])
bad(v, "aspnet_identity_v3_truncated", "truncated blob (subkey shorter than 16 bytes)", base64.b64encode(blob[:-20]).decode())
bad(v, "aspnet_identity_v3_short_salt", "declared salt length 8 (< 16 bytes)", base64.b64encode(blob[:9] + (8).to_bytes(4, "big") + blob[13:]).decode())
bad(v, "aspnet_identity_unknown_marker", "unknown format marker 0x02", base64.b64encode(b"\x02" + blob[1:]).decode())
bad(v, "aspnet_identity_v3_bad_prf", "unknown PRF id 7", base64.b64encode(blob[:1] + (7).to_bytes(4, "big") + blob[5:]).decode())
bad(v, "aspnet_identity_v3_salt_length_too_long", "declared salt length beyond the blob",
    base64.b64encode(blob[:9] + (200).to_bytes(4, "big") + blob[13:]).decode())
bad(v, "aspnet_identity_hex", "hex where base64 expected", blob.hex())
v = first("aspnet_identity", lambda v: v["hash"].startswith("A") and base64.b64decode(v["hash"])[0] == 0)
bad(v, "aspnet_identity_v2_truncated", "truncated blob (V2 must be 49 bytes)", base64.b64encode(base64.b64decode(v["hash"])[:40]).decode())

# ---- aspnet_membership
v = first("aspnet_membership")
bad(v, "aspnet_membership_hex", "hex where base64 expected", b64_to_hex(v["hash"]))
bad(v, "aspnet_membership_truncated", "truncated digest (not 20 bytes)", base64.b64encode(base64.b64decode(v["hash"])[:16]).decode())
bad(v, "aspnet_membership_salt_not_base64", "salt is not base64", config=with_cfg(v, salt="not base64!"))
bad(v, "aspnet_membership_no_config", "aspnet_membership_config missing", config="drop")

# ---- werkzeug
v = first("werkzeug", lambda v: v["hash"].startswith("scrypt:"))
method, salt, hexhash = v["hash"].split("$")
bad(v, "werkzeug_scrypt_n_not_power_of_two", "N not a power of two", "$".join(["scrypt:1000:8:1", salt, hexhash]))
bad(v, "werkzeug_scrypt_missing_salt", "dropped $ field (salt)", "$".join([method, hexhash]))
bad(v, "werkzeug_scrypt_base64", "base64 where hex expected", "$".join([method, salt, base64.b64encode(bytes.fromhex(hexhash)).decode()]))
v = first("werkzeug", lambda v: v["hash"].startswith("pbkdf2:"))
method, salt, hexhash = v["hash"].split("$")
bad(v, "werkzeug_pbkdf2_iterations_not_number", "iterations is not a number", "$".join(["pbkdf2:sha256:lots", salt, hexhash]))
bad(v, "werkzeug_unknown_method", "unknown method md5crypt", "$".join(["md5crypt:1000", salt, hexhash]))
bad(v, "werkzeug_pbkdf2_truncated", "truncated digest", v["hash"][:-3])

# ---- drupal_7
v = first("drupal_7", lambda v: v["case"] != "drupal7_hashcat_example")
bad(v, "drupal7_truncated", "truncated digest", v["hash"][:-10])
bad(v, "drupal7_count_too_low", "count out of range (2^6 < 2^7)", v["hash"][:3] + "4" + v["hash"][4:])
bad(v, "drupal7_count_too_high", "count out of range (2^31 > 2^30)", v["hash"][:3] + "T" + v["hash"][4:])
bad(v, "drupal7_wrong_prefix", "phpass $P$ prefix under drupal_7", "$P$" + v["hash"][3:])

# ---- symfony_sha_512
v = first("symfony_sha_512")
bad(v, "symfony_hex", "hex where base64 expected", b64_to_hex(v["hash"]))
bad(v, "symfony_truncated", "truncated digest (not 64 bytes)", base64.b64encode(base64.b64decode(v["hash"])[:32]).decode())
bad(v, "symfony_salt_with_brace", "salt contains '{' (Symfony refuses it)", config=with_cfg(v, salt="ab{c"))

# ---- devise_bcrypt
v = first("devise_bcrypt")
bad(v, "devise_bcrypt_truncated", "truncated digest", v["hash"][:-5])
bad(v, "devise_bcrypt_cost_32", "cost out of range (32)", v["hash"][:4] + "32" + v["hash"][6:])
bad(v, "devise_bcrypt_not_bcrypt", "not a bcrypt string", "sha512$" + v["hash"])

# ---- hmac
for t in ("hmac_sha_256", "hmac_sha_512"):
    v = first(t)
    bad(v, f"{t}_truncated", "truncated digest", v["hash"][:-2])
    bad(v, f"{t}_base64", "base64 where hex expected", base64.b64encode(bytes.fromhex(v["hash"])).decode())
    bad(v, f"{t}_no_config", "hmac_config missing", config="drop")
    bad(v, f"{t}_key_encoding_unknown", "unknown key_encoding", config=with_cfg(v, key_encoding="base32"))
bad(first("hmac_sha_256"), "hmac_sha_256_hex_key_not_hex", "key_encoding hex, key not hex", config={"key": "zz" * 16, "key_encoding": "hex"})
bad(first("hmac_sha_256"), "hmac_sha_256_hex_key_odd", "key_encoding hex, odd number of hex digits", config={"key": "abc", "key_encoding": "hex"})
bad(first("hmac_sha_512"), "hmac_sha_512_base64_key_not_base64", "key_encoding base64, key not base64", config={"key": "not base64!", "key_encoding": "base64"})

# ---- bcrypt_sha_256
v = first("bcrypt_sha_256")
bad(v, "bcrypt_sha_256_unknown_encoding", "unknown pre_hash_encoding", config={"pre_hash_encoding": "base32"})
bad(v, "bcrypt_sha_256_truncated", "truncated digest", v["hash"][:-5])
bad(v, "bcrypt_sha_256_cost_32", "cost out of range (32)", v["hash"][:4] + "32" + v["hash"][6:])

names = [o["case"] for o in out]
if len(names) != len(set(names)):
    raise SystemExit("make_malformed.py: duplicate case names")
for o in out:
    sys.stdout.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")
