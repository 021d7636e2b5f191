// Known-answer password hash vectors made with Node.js: the npm packages bcryptjs and hash-wasm
// (pinned in package.json / package-lock.json) and Node's built-in crypto. Writes JSON lines to stdout.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import bcryptjs from 'bcryptjs';
import { argon2i, argon2id, bcrypt as wasmBcrypt } from 'hash-wasm';

const version = (pkg) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
const BCRYPTJS = `bcryptjs ${version('bcryptjs')}`;
const HASHWASM = `hash-wasm ${version('hash-wasm')}`;
const NODE = `node ${process.version} crypto`;
const UTF8 = 'pässwörd-日本';

function emit(c, hashType, hash, password, generator, cfgKey, cfg) {
  const line = { case: c, hash_type: hashType, hash };
  if (cfgKey) line[cfgKey] = cfg;
  line.password = password;
  line.generator = generator;
  process.stdout.write(JSON.stringify(line) + '\n');
}

// ---------------------------------------------------------------- bcrypt
emit('bcrypt_2b_cost4_bcryptjs_utf8', 'bcrypt', bcryptjs.hashSync(UTF8, bcryptjs.genSaltSync(4)), UTF8,
  `${BCRYPTJS} bcrypt.hashSync(pw, bcrypt.genSaltSync(4))`);
emit('bcrypt_2b_cost5_bcryptjs', 'bcrypt', bcryptjs.hashSync('hunter2', 5), 'hunter2', `${BCRYPTJS} bcrypt.hashSync(pw, 5)`);
emit('bcrypt_2a_cost4_hashwasm', 'bcrypt',
  await wasmBcrypt({ password: 'password', salt: crypto.randomBytes(16), costFactor: 4, outputType: 'encoded' }), 'password',
  `${HASHWASM} bcrypt({ password, salt: 16 random bytes, costFactor: 4, outputType: 'encoded' })`);

// ---------------------------------------------------------------- argon2 (hash-wasm: raw hex and encoded)
for (const [hashType, fn, name] of [['argon_2id', argon2id, 'argon2id'], ['argon_2i', argon2i, 'argon2i']]) {
  const salt = `hw-salt-${crypto.randomBytes(4).toString('hex')}`;
  const cfg = { salt, iteration_amount: 2, memory: 128, threads: 2, key_length: 24 };
  const hex = await fn({ password: UTF8, salt, iterations: 2, memorySize: 128, parallelism: 2, hashLength: 24, outputType: 'hex' });
  emit(`${name}_raw_m128_t2_p2_k24_hashwasm_utf8`, hashType, hex, UTF8,
    `${HASHWASM} ${name}({ password, salt, iterations: 2, memorySize: 128, parallelism: 2, hashLength: 24, outputType: 'hex' })`,
    'argon_2_config', cfg);
  const encoded = await fn({ password: 'hunter2', salt: crypto.randomBytes(16), iterations: 1, memorySize: 32, parallelism: 1, hashLength: 32, outputType: 'encoded' });
  emit(`${name}_encoded_m32_t1_p1_hashwasm`, hashType, encoded, 'hunter2',
    `${HASHWASM} ${name}({ password, salt: 16 random bytes, iterations: 1, memorySize: 32, parallelism: 1, hashLength: 32, outputType: 'encoded' })`);
}

// ---------------------------------------------------------------- scrypt (raw, node crypto)
for (const [c, pw, N, r, p, dklen] of [['scrypt_raw_n1024_r8_p1_dk32_node_utf8', UTF8, 1024, 8, 1, 32],
                                        ['scrypt_raw_n256_r16_p1_dk48_node', 'correct horse battery staple', 256, 16, 1, 48]]) {
  const salt = crypto.randomBytes(16);
  emit(c, 'scrypt', crypto.scryptSync(pw, salt, dklen, { N, r, p }).toString('base64'), pw,
    `${NODE}.scryptSync(pw, salt, ${dklen}, { N: ${N}, r: ${r}, p: ${p} })`,
    'scrypt_config', { salt: salt.toString('base64'), n_parameter: N, r_parameter: r, p_parameter: p, key_length: dklen });
}

// ---------------------------------------------------------------- pbkdf_2 (node crypto)
for (const [c, pw, algo, it, dklen] of [['pbkdf2_sha256_i1500_dk32_node_utf8', UTF8, 'sha256', 1500, 32],
                                         ['pbkdf2_sha512_i2000_dk64_node', 'hunter2', 'sha512', 2000, 64]]) {
  const salt = crypto.randomBytes(16);
  emit(c, 'pbkdf_2', crypto.pbkdf2Sync(pw, salt, it, dklen, algo).toString('base64'), pw,
    `${NODE}.pbkdf2Sync(pw, salt, ${it}, ${dklen}, '${algo}')`,
    'pbkdf_2_config', { salt: salt.toString('base64'), iteration_amount: it, key_length: dklen, algorithm: algo });
}

// ---------------------------------------------------------------- werkzeug scrypt (Werkzeug 3 layout)
{
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'; // werkzeug SALT_CHARS
  const salt = Array.from({ length: 16 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
  const [N, r, p] = [1024, 8, 1];
  const hex = crypto.scryptSync('correct horse battery staple', salt, 64, { N, r, p }).toString('hex');
  emit('werkzeug_scrypt_n1024_node', 'werkzeug', `scrypt:${N}:${r}:${p}$${salt}$${hex}`, 'correct horse battery staple',
    `${NODE}.scryptSync(pw, salt, 64, { N: ${N}, r: ${r}, p: ${p} }).toString('hex') in Werkzeug 3's 'scrypt:N:r:p$salt$hex' layout`);
}
