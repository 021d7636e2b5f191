<?php
// Known-answer password hash vectors made with php-cli (Debian 12: PHP 8.2). Writes JSON lines to stdout.
//  - bcrypt / argon2: PHP's own password_hash().
//  - drupal_7: Drupal 7's includes/password.inc algorithm (_password_crypt with sha512), re-typed below;
//    checked against hashcat's published Drupal7 example before anything is written.
//  - symfony_sha_512: Symfony's MessageDigestPasswordEncoder with its defaults (sha512, base64, 5000 iterations).

const UTF8_PASSWORD = 'pässwörd-日本';

function emit(string $case, string $type, string $hash, string $password, string $generator, ?string $cfgKey = null, ?array $cfg = null): void
{
    $line = ['case' => $case, 'hash_type' => $type, 'hash' => $hash];
    if ($cfgKey !== null) {
        $line[$cfgKey] = $cfg;
    }
    $line['password'] = $password;
    $line['generator'] = $generator;
    echo json_encode($line, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR), "\n";
}

$php = 'php-cli ' . PHP_VERSION;

// ------------------------------------------------------------------ bcrypt ($2y$)
emit('bcrypt_2y_cost4_php', 'bcrypt', password_hash('Tr0ub4dor&3', PASSWORD_BCRYPT, ['cost' => 4]), 'Tr0ub4dor&3',
    "$php password_hash(pw, PASSWORD_BCRYPT, ['cost' => 4])");
emit('bcrypt_2y_cost6_php_utf8', 'bcrypt', password_hash(UTF8_PASSWORD, PASSWORD_BCRYPT, ['cost' => 6]), UTF8_PASSWORD,
    "$php password_hash(pw, PASSWORD_BCRYPT, ['cost' => 6])");

// ------------------------------------------------------------------ argon2 (encoded)
foreach ([['argon_2id', PASSWORD_ARGON2ID, 'PASSWORD_ARGON2ID', 'argon2id'], ['argon_2i', PASSWORD_ARGON2I, 'PASSWORD_ARGON2I', 'argon2i']] as [$type, $algo, $algoName, $short]) {
    emit("{$short}_encoded_m64_t1_p1_php", $type, password_hash('password', $algo, ['memory_cost' => 64, 'time_cost' => 1, 'threads' => 1]), 'password',
        "$php password_hash(pw, $algoName, ['memory_cost' => 64, 'time_cost' => 1, 'threads' => 1])");
    emit("{$short}_encoded_m256_t2_p2_php_utf8", $type, password_hash(UTF8_PASSWORD, $algo, ['memory_cost' => 256, 'time_cost' => 2, 'threads' => 2]), UTF8_PASSWORD,
        "$php password_hash(pw, $algoName, ['memory_cost' => 256, 'time_cost' => 2, 'threads' => 2])");
}

// ------------------------------------------------------------------ drupal_7 ($S$)
const DRUPAL_ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Drupal 7 _password_base64_encode(): phpass' little-endian 6-bit encoding.
function drupal_base64_encode(string $input, int $count): string
{
    $out = '';
    $i = 0;
    do {
        $value = ord($input[$i++]);
        $out .= DRUPAL_ITOA64[$value & 0x3f];
        if ($i < $count) {
            $value |= ord($input[$i]) << 8;
        }
        $out .= DRUPAL_ITOA64[($value >> 6) & 0x3f];
        if ($i++ >= $count) {
            break;
        }
        if ($i < $count) {
            $value |= ord($input[$i]) << 16;
        }
        $out .= DRUPAL_ITOA64[($value >> 12) & 0x3f];
        if ($i++ >= $count) {
            break;
        }
        $out .= DRUPAL_ITOA64[($value >> 18) & 0x3f];
    } while ($i < $count);
    return $out;
}

// Drupal 7 _password_crypt('sha512', ...): setting = '$S$' . itoa64[log2 count] . 8-char salt;
// h = sha512(salt . pw); repeat 2^log2 times h = sha512(h . pw); setting . base64(h), cut to 55 chars.
function drupal7_crypt(string $password, string $setting): string
{
    $setting = substr($setting, 0, 12);
    $log2 = strpos(DRUPAL_ITOA64, $setting[3]);
    if ($setting[0] !== '$' || $setting[2] !== '$' || $log2 < 7 || $log2 > 30 || strlen(substr($setting, 4, 8)) !== 8) {
        throw new RuntimeException("bad Drupal 7 setting $setting");
    }
    $salt = substr($setting, 4, 8);
    $count = 1 << $log2;
    $hash = hash('sha512', $salt . $password, true);
    do {
        $hash = hash('sha512', $hash . $password, true);
    } while (--$count);
    return substr($setting . drupal_base64_encode($hash, strlen($hash)), 0, 55);
}

function drupal7_setting(int $log2): string
{
    // Drupal 7 _password_generate_salt(): 6 random bytes in the phpass encoding give the 8-char salt.
    return '$S$' . DRUPAL_ITOA64[$log2] . drupal_base64_encode(random_bytes(6), 6);
}

$hashcat = '$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf';
if (drupal7_crypt('hashcat', $hashcat) !== $hashcat) {
    fwrite(STDERR, "drupal_7: the implementation does not reproduce hashcat's Drupal7 example\n");
    exit(1);
}
$drupal = "$php, Drupal 7 includes/password.inc _password_crypt('sha512', pw, setting)";
emit('drupal7_hashcat_example', 'drupal_7', $hashcat, 'hashcat', "hashcat example_hashes, mode 7900 Drupal7 (count 2^14); reproduced by $drupal");
foreach ([['drupal7_log2_7', 'correct horse battery staple', 7], ['drupal7_log2_8_utf8', UTF8_PASSWORD, 8], ['drupal7_log2_9', 'password', 9]] as [$case, $pw, $log2]) {
    emit($case, 'drupal_7', drupal7_crypt($pw, drupal7_setting($log2)), $pw, "$drupal with count 2^$log2");
}

// ------------------------------------------------------------------ symfony_sha_512
// MessageDigestPasswordEncoder('sha512', true, 5000): salted = pw . '{' . salt . '}';
// d = sha512(salted); 4999 times d = sha512(d . salted); base64(d)
function symfony_sha512(string $password, string $salt): string
{
    $salted = $salt === '' ? $password : $password . '{' . $salt . '}';
    $digest = hash('sha512', $salted, true);
    for ($i = 1; $i < 5000; ++$i) {
        $digest = hash('sha512', $digest . $salted, true);
    }
    return base64_encode($digest);
}

$symfony = "$php, Symfony MessageDigestPasswordEncoder defaults (sha512, encodeHashAsBase64=true, 5000 iterations) via hash('sha512', ..., true)";
foreach ([['symfony_sha512', 'password', bin2hex(random_bytes(16))],
          ['symfony_sha512_utf8', UTF8_PASSWORD, base_convert((string) random_int(1 << 40, PHP_INT_MAX), 10, 36)]] as [$case, $pw, $salt]) {
    emit($case, 'symfony_sha_512', symfony_sha512($pw, $salt), $pw, $symfony, 'symfony_config', ['salt' => $salt]);
}
