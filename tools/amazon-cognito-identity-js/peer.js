// CognitoAuth's bridge to two peers written by others, for the SRP and TOTP tests of the client and the emulator:
//   amazon-cognito-identity-js (AWS's own JavaScript client) signs in with its default USER_SRP_AUTH flow against a
//   scripted Cognito that returns the PASSWORD_VERIFIER challenge it is given; and otpauth computes TOTP codes.
// Reads one JSON request (an array of cases) on stdin and writes one JSON array of results on stdout.
//
//   {"op":"srp", "userPoolId", "username", "password", "challenge": {SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP},
//    "timestamp", "a"?}  →  {"srpA", "challengeName", "challengeResponses": {...}} or {"error"}
//     a (hex) fixes the library's ephemeral secret, timestamp its clock (DateHelper.getNowString); without a, the
//     library draws its own.
//   {"op":"srpA", "userPoolId", "a"}  →  {"srpA"}: the A the library sends for that a (a server needs it before it can
//     make the challenge the "srp" op answers).
//   {"op":"timestamp", "times": [unix seconds]}  →  {"timestamps": [...]}: DateHelper.getNowString at each instant.
//   {"op":"totp", "secret" (base32), "times": [unix seconds], "digits"?, "period"?}  →  {"codes": [...]}
//   {"op":"deviceVerifier", …} and {"op":"deviceSrp", …}: remembered devices, see device.js.
'use strict';

const path = require('path');
const lib = path.join(__dirname, 'node_modules', 'amazon-cognito-identity-js', 'lib');
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require(path.join(lib, 'index.js'));
const AuthenticationHelper = require(path.join(lib, 'AuthenticationHelper.js')).default;
const BigInteger = require(path.join(lib, 'BigInteger.js')).default;
const DateHelper = require(path.join(lib, 'DateHelper.js')).default;
const OTPAuth = require(path.join(__dirname, 'node_modules', 'otpauth'));
const device = require('./device.js');

const drawSmallA = AuthenticationHelper.prototype.generateRandomSmallA;
const readClock = DateHelper.prototype.getNowString;

function srp(request) {
  return new Promise((resolve) => {
    AuthenticationHelper.prototype.generateRandomSmallA = request.a
      ? () => new BigInteger(request.a, 16)
      : drawSmallA;
    DateHelper.prototype.getNowString = request.timestamp ? () => request.timestamp : readClock;

    const pool = new CognitoUserPool({ UserPoolId: request.userPoolId, ClientId: 'peerclientid0000000000000' });
    const result = {};
    pool.client = {
      request(operation, params, callback) {
        if (operation === 'InitiateAuth') {
          result.authFlow = params.AuthFlow;
          result.srpA = params.AuthParameters.SRP_A;
          callback(null, {
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeParameters: { ...request.challenge, USERNAME: request.challenge.USER_ID_FOR_SRP },
            Session: 'peer-session',
          });
        } else if (operation === 'RespondToAuthChallenge') {
          result.challengeName = params.ChallengeName;
          result.challengeResponses = params.ChallengeResponses;
          callback({ code: 'PeerStop', name: 'PeerStop', message: 'the peer stops after the answer' }, null);
        } else {
          callback({ code: 'PeerUnexpected', message: `unexpected ${operation}` }, null);
        }
      },
    };

    const user = new CognitoUser({ Username: request.username, Pool: pool });
    user.authenticateUser(new AuthenticationDetails({ Username: request.username, Password: request.password }), {
      onSuccess: () => resolve({ error: 'signed in without the scripted Cognito stopping it' }),
      onFailure: (err) => resolve(err && err.code === 'PeerStop' ? result : { error: String((err && err.message) || err) }),
      newPasswordRequired: () => resolve({ error: 'newPasswordRequired' }),
      mfaRequired: () => resolve({ error: 'mfaRequired' }),
      totpRequired: () => resolve({ error: 'totpRequired' }),
    });
  });
}

function srpA(request) {
  AuthenticationHelper.prototype.generateRandomSmallA = () => new BigInteger(request.a, 16);
  try {
    const helper = new AuthenticationHelper(request.userPoolId.split('_')[1]);
    let largeA;
    helper.getLargeAValue((err, value) => {
      if (err) {
        throw err;
      }
      largeA = value;
    });
    return { srpA: largeA.toString(16) };
  } finally {
    AuthenticationHelper.prototype.generateRandomSmallA = drawSmallA;
  }
}

function timestamp(request) {
  const RealDate = Date;
  try {
    return {
      timestamps: request.times.map((seconds) => {
        // getNowString reads new Date(): a Date whose "now" is the requested instant.
        global.Date = class extends RealDate {
          constructor(...args) {
            super(...(args.length ? args : [seconds * 1000]));
          }
        };
        return readClock.call(new DateHelper());
      }),
    };
  } finally {
    global.Date = RealDate;
  }
}

function totp(request) {
  const generator = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(request.secret),
    algorithm: 'SHA1',
    digits: request.digits || 6,
    period: request.period || 30,
  });
  return { codes: request.times.map((seconds) => generator.generate({ timestamp: seconds * 1000 })) };
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
  }

  const results = [];
  for (const request of JSON.parse(input)) {
    try {
      const op = { srp, srpA, timestamp, totp, ...device }[request.op];
      results.push(op ? await op(request) : { error: `unknown op ${request.op}` });
    } catch (err) {
      results.push({ error: String((err && err.stack) || err) });
    }
  }

  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err));
  process.exit(1);
});
