// Prints the current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret, as an authenticator app would show
// it, with otpauth: for trying TOTP MFA against bin/local by hand.   node totp.js <secret> [offset seconds]
'use strict';

const path = require('path');
const OTPAuth = require(path.join(__dirname, 'node_modules', 'otpauth'));

const [secret, offset] = process.argv.slice(2);
if (!secret) {
  process.stderr.write('usage: node totp.js <base32 secret> [offset seconds]\n');
  process.exit(2);
}

const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
process.stdout.write(`${totp.generate({ timestamp: Date.now() + Number(offset || 0) * 1000 })}\n`);
