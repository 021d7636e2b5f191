#!/usr/bin/env bash
# Regenerates vectors.jsonl (known-answer vectors for every legacy password hash format Godwit accepts)
# and malformed.jsonl (mutated copies for rejection tests). Run from anywhere:
#   bash tests/vectors/passwords/generate.sh
#
# Every hash comes from a well-known tool or library, never from Godwit's own code. This script installs
# no system packages; it needs (Debian 12 bookworm):
#   apt-get install -y --no-install-recommends \
#     python3-passlib python3-argon2 python3-bcrypt python3-cryptography python3-django python3-werkzeug \
#     php-cli openssl whois apache2-utils argon2 ruby ruby-bcrypt jq nodejs npm
#   (whois brings mkpasswd; apache2-utils brings htpasswd; argon2 is the reference argon2 CLI)
# plus the .NET 10 SDK (`dotnet run gen-aspnet-identity.cs` restores NuGet Microsoft.Extensions.Identity.Core).
# npm packages bcryptjs and hash-wasm are pinned in package.json / package-lock.json of this folder and
# installed locally with `npm ci` (into ./node_modules, git-ignored) when node_modules is missing.
# Python helpers run with /usr/bin/python3: the python3-* modules are importable only from Debian's interpreter.
#
# Salts are random, so every run produces different (equally valid) vectors.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C.UTF-8 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
PY=/usr/bin/python3

for tool in "$PY" php node npm dotnet openssl mkpasswd htpasswd argon2 ruby jq; do
  command -v "$tool" >/dev/null || { echo "generate.sh: missing $tool (see the package list at the top)" >&2; exit 1; }
done
[ -d node_modules/bcryptjs ] && [ -d node_modules/hash-wasm ] || npm ci --no-audit --no-fund --loglevel=error >&2

UTF8='pässwörd-日本'
OPENSSL="$(openssl version | cut -d' ' -f1-2)"
RUBY_BCRYPT="ruby-bcrypt $(ruby -rbcrypt -e 'print Gem.loaded_specs["bcrypt"]&.version')"

# emit CASE HASH_TYPE HASH PASSWORD GENERATOR [CONFIG_KEY CONFIG_JSON] -> one JSON line
emit() {
  local extra='{}'
  if [ $# -ge 7 ]; then extra=$(jq -cn --arg k "$6" --argjson v "$7" '{($k): $v}'); fi
  jq -cn --arg c "$1" --arg t "$2" --arg h "$3" --arg p "$4" --arg g "$5" --argjson x "$extra" \
    '{case: $c, hash_type: $t, hash: $h} + $x + {password: $p, generator: $g}'
}
hex_digest() { printf '%s' "$2" | openssl dgst "-$1" -r | cut -d' ' -f1; }          # ALGO PASSWORD
hmac_hex() { printf '%s' "$3" | openssl dgst "-$1" -hmac "$2" -r | cut -d' ' -f1; }  # ALGO KEY PASSWORD
hmac_hexkey() { printf '%s' "$3" | openssl dgst "-$1" -mac HMAC -macopt "hexkey:$2" -r | cut -d' ' -f1; }  # ALGO HEXKEY PASSWORD
htpasswd_hash() { htpasswd -nb "$@" | head -n1 | cut -d: -f2-; }                     # OPTIONS... USER PASSWORD

# Vectors from command-line tools: openssl, mkpasswd (whois), htpasswd (apache2-utils), argon2, ruby-bcrypt.
cli_vectors() {
  local pw salt key pepper
  # ---- bcrypt
  emit bcrypt_2y_cost4_htpasswd bcrypt "$(htpasswd_hash -B -C 4 user password)" password 'htpasswd -nbB -C 4 user pw'
  emit bcrypt_2a_cost5_mkpasswd_utf8 bcrypt "$(mkpasswd -m bcrypt-a -R 5 "$UTF8")" "$UTF8" 'mkpasswd -m bcrypt-a -R 5 pw'
  emit bcrypt_2b_cost4_mkpasswd bcrypt "$(mkpasswd -m bcrypt -R 4 hunter2)" hunter2 'mkpasswd -m bcrypt -R 4 pw'

  # ---- md_5_crypt ($1$)
  salt=$(openssl rand -hex 4)
  emit md5crypt_openssl md_5_crypt "$(openssl passwd -1 -salt "$salt" password)" password "$OPENSSL passwd -1 -salt <8 chars> pw"
  emit md5crypt_mkpasswd_utf8 md_5_crypt "$(mkpasswd -m md5crypt "$UTF8")" "$UTF8" 'mkpasswd -m md5crypt pw'
  emit md5crypt_openssl_short_salt md_5_crypt "$(openssl passwd -1 -salt "ab" 'correct horse battery staple')" 'correct horse battery staple' "$OPENSSL passwd -1 -salt ab pw"

  # ---- sha_256_crypt ($5$)
  emit sha256crypt_openssl_default sha_256_crypt "$(openssl passwd -5 password)" password "$OPENSSL passwd -5 pw"
  salt=$(openssl rand -hex 6)
  emit sha256crypt_openssl_rounds1000_utf8 sha_256_crypt "$(openssl passwd -5 -salt "rounds=1000\$$salt" "$UTF8")" "$UTF8" "$OPENSSL passwd -5 -salt 'rounds=1000\$<salt>' pw"
  emit sha256crypt_mkpasswd_rounds2000 sha_256_crypt "$(mkpasswd -m sha256crypt -R 2000 hunter2)" hunter2 'mkpasswd -m sha256crypt -R 2000 pw'

  # ---- sha_512_crypt ($6$)
  emit sha512crypt_openssl_default sha_512_crypt "$(openssl passwd -6 'correct horse battery staple')" 'correct horse battery staple' "$OPENSSL passwd -6 pw"
  emit sha512crypt_mkpasswd_utf8 sha_512_crypt "$(mkpasswd -m sha512crypt "$UTF8")" "$UTF8" 'mkpasswd -m sha512crypt pw'
  emit sha512crypt_mkpasswd_rounds1000 sha_512_crypt "$(mkpasswd -m sha512crypt -R 1000 password)" password 'mkpasswd -m sha512crypt -R 1000 pw'
  salt=$(openssl rand -hex 8)
  emit sha512crypt_openssl_rounds1500_utf8 sha_512_crypt "$(openssl passwd -6 -salt "rounds=1500\$$salt" "$UTF8")" "$UTF8" "$OPENSSL passwd -6 -salt 'rounds=1500\$<salt>' pw"

  # ---- apr_1 ($apr1$)
  emit apr1_openssl apr_1 "$(openssl passwd -apr1 password)" password "$OPENSSL passwd -apr1 pw"
  emit apr1_htpasswd_utf8 apr_1 "$(htpasswd_hash -m user "$UTF8")" "$UTF8" 'htpasswd -nbm user pw'

  # ---- md_5 / sha_1 / sha_256 / sha_512, unsalted (the salted ones come from gen_python.py)
  emit md_5_unsalted md_5 "$(hex_digest md5 password)" password "$OPENSSL dgst -md5 (printf %s pw | openssl dgst -md5 -r)"
  emit md_5_unsalted_utf8 md_5 "$(hex_digest md5 "$UTF8")" "$UTF8" "$OPENSSL dgst -md5"
  emit sha_1_unsalted sha_1 "$(hex_digest sha1 password)" password "$OPENSSL dgst -sha1"
  emit sha_256_unsalted sha_256 "$(hex_digest sha256 'correct horse battery staple')" 'correct horse battery staple' "$OPENSSL dgst -sha256"
  emit sha_512_unsalted sha_512 "$(hex_digest sha512 password)" password "$OPENSSL dgst -sha512"
  emit sha_512_unsalted_utf8 sha_512 "$(hex_digest sha512 "$UTF8")" "$UTF8" "$OPENSSL dgst -sha512"

  # ---- hmac_sha_256 / hmac_sha_512 (key = UTF-8 of the key string)
  key="site-key-$(openssl rand -hex 8)"
  emit hmac_sha_256_openssl hmac_sha_256 "$(hmac_hex sha256 "$key" password)" password "$OPENSSL dgst -sha256 -hmac key" hmac_config "$(jq -cn --arg k "$key" '{key: $k}')"
  key="clé-$(openssl rand -base64 12)"
  emit hmac_sha_512_openssl hmac_sha_512 "$(hmac_hex sha512 "$key" 'correct horse battery staple')" 'correct horse battery staple' "$OPENSSL dgst -sha512 -hmac key" hmac_config "$(jq -cn --arg k "$key" '{key: $k}')"
  # binary keys (random bytes, not UTF-8 text), given in hex
  key="$(openssl rand -hex 32)"
  emit hmac_sha_256_openssl_hex_key hmac_sha_256 "$(hmac_hexkey sha256 "$key" password)" password "$OPENSSL dgst -sha256 -mac HMAC -macopt hexkey:key" hmac_config "$(jq -cn --arg k "$key" '{key: $k, key_encoding: "hex"}')"
  key="$(openssl rand -hex 64)"
  emit hmac_sha_512_openssl_hex_key hmac_sha_512 "$(hmac_hexkey sha512 "$key" "$UTF8")" "$UTF8" "$OPENSSL dgst -sha512 -mac HMAC -macopt hexkey:key" hmac_config "$(jq -cn --arg k "$key" '{key: $k, key_encoding: "hex"}')"

  # ---- argon_2id / argon_2i raw (reference implementation CLI; salt = the UTF-8 bytes of the salt string)
  salt="argon2-cli-$(openssl rand -hex 3)"
  emit argon2id_raw_m64_t2_p1_k32_cli argon_2id "$(printf '%s' hunter2 | argon2 "$salt" -id -t 2 -k 64 -p 1 -l 32 -r)" hunter2 \
    'argon2 (reference CLI) salt -id -t 2 -k 64 -p 1 -l 32 -r' argon_2_config \
    "$(jq -cn --arg s "$salt" '{salt: $s, iteration_amount: 2, memory: 64, threads: 1, key_length: 32}')"
  salt="αργον-$(openssl rand -hex 4)"
  emit argon2i_raw_m128_t1_p2_k32_cli_utf8 argon_2i "$(printf '%s' "$UTF8" | argon2 "$salt" -i -t 1 -k 128 -p 2 -l 32 -r)" "$UTF8" \
    'argon2 (reference CLI) salt -i -t 1 -k 128 -p 2 -l 32 -r' argon_2_config \
    "$(jq -cn --arg s "$salt" '{salt: $s, iteration_amount: 1, memory: 128, threads: 2, key_length: 32}')"
  emit argon2id_encoded_m256_t2_p2_cli argon_2id "$(printf '%s' password | argon2 "$(openssl rand -hex 8)" -id -t 2 -k 256 -p 2 -l 32 -e)" password \
    'argon2 (reference CLI) <16-char salt> -id -t 2 -k 256 -p 2 -l 32 -e'

  # ---- devise_bcrypt: Devise::Encryptor.digest = BCrypt::Password.create("#{password}#{pepper}", cost: stretches)
  pepper=$(openssl rand -hex 64)
  pw='correct horse battery staple'
  emit devise_bcrypt_pepper_ruby devise_bcrypt \
    "$(ruby -rbcrypt -e 'print BCrypt::Password.create(ARGV[0] + ARGV[1], cost: 4)' "$pw" "$pepper")" "$pw" \
    "$RUBY_BCRYPT BCrypt::Password.create(pw + pepper, cost: 4)" \
    devise_config "$(jq -cn --arg p "$pepper" '{pepper: $p}')"
  pepper="pfeffer-ü-$(openssl rand -hex 8)"
  emit devise_bcrypt_pepper_ruby_utf8 devise_bcrypt \
    "$(ruby -rbcrypt -e 'print BCrypt::Password.create(ARGV[0] + ARGV[1], cost: 5)' "$UTF8" "$pepper")" "$UTF8" \
    "$RUBY_BCRYPT BCrypt::Password.create(pw + pepper, cost: 5)" \
    devise_config "$(jq -cn --arg p "$pepper" '{pepper: $p}')"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "generate.sh: command-line tools" >&2
cli_vectors > "$tmp/cli.jsonl"
echo "generate.sh: python (passlib, argon2-cffi, bcrypt, django, werkzeug, hashlib)" >&2
"$PY" gen_python.py > "$tmp/python.jsonl"
echo "generate.sh: php" >&2
php gen.php > "$tmp/php.jsonl"
echo "generate.sh: node (bcryptjs, hash-wasm, crypto)" >&2
node gen-node.mjs > "$tmp/node.jsonl"
echo "generate.sh: .NET (Microsoft.Extensions.Identity.Core PasswordHasher)" >&2
dotnet run gen-aspnet-identity.cs > "$tmp/aspnet.jsonl"

# Cross-check every vector with a second implementation, sort by hash_type, write vectors.jsonl.
cat "$tmp"/cli.jsonl "$tmp"/python.jsonl "$tmp"/php.jsonl "$tmp"/node.jsonl "$tmp"/aspnet.jsonl \
  | "$PY" check_vectors.py > "$tmp/vectors.jsonl"
mv "$tmp/vectors.jsonl" vectors.jsonl
"$PY" make_malformed.py < vectors.jsonl > "$tmp/malformed.jsonl"
mv "$tmp/malformed.jsonl" malformed.jsonl
echo "generate.sh: wrote $(wc -l < vectors.jsonl) vectors and $(wc -l < malformed.jsonl) malformed cases" >&2
