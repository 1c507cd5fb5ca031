// The remembered-device ops of peer.js (which runs them): what amazon-cognito-identity-js (AWS's own JavaScript client)
// sends to confirm a device and to prove it on a later sign-in, for the client's device tests.
//
//   {"op":"deviceVerifier", "deviceGroupKey", "deviceKey", "password", "salt" (hex, 16 bytes)}
//     →  {"PasswordVerifier", "Salt"}: ConfirmDevice's DeviceSecretVerifierConfig from AuthenticationHelper.generateHashDevice,
//     its random device password and salt fixed to the given ones.
//   {"op":"deviceSrp", "userPoolId", "username", "deviceGroupKey", "deviceKey", "password", "a" (hex),
//    "challenge": {SALT, SRP_B, SECRET_BLOCK}, "timestamp"}
//     →  {"srpA", "deviceSrpAuth": {...}, "devicePasswordVerifier": {...}}: CognitoUser.getDeviceResponse's two answers
//     (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER to a scripted Cognito that returns the given challenge).
'use strict';

const path = require('path');
const lib = path.join(__dirname, 'node_modules', 'amazon-cognito-identity-js', 'lib');
const { CognitoUserPool, CognitoUser } = require(path.join(lib, 'index.js'));
const AuthenticationHelper = require(path.join(lib, 'AuthenticationHelper.js')).default;
const BigInteger = require(path.join(lib, 'BigInteger.js')).default;
const DateHelper = require(path.join(lib, 'DateHelper.js')).default;
const WordArray = require(path.join(lib, 'utils', 'WordArray.js')).default;

const drawString = AuthenticationHelper.prototype.generateRandomString;
const drawSmallA = AuthenticationHelper.prototype.generateRandomSmallA;
const drawWords = WordArray.prototype.random;
const readClock = DateHelper.prototype.getNowString;

function deviceVerifier(request) {
  AuthenticationHelper.prototype.generateRandomString = () => request.password;
  // generateHashDevice draws its salt as randomBytes(16), i.e. new WordArray().random(16).toString() (hex).
  WordArray.prototype.random = () => ({ toString: () => request.salt });
  try {
    const helper = new AuthenticationHelper('unused-pool-name');
    let failure = null;
    helper.generateHashDevice(request.deviceGroupKey, request.deviceKey, (err) => {
      failure = err;
    });
    if (failure) {
      throw failure;
    }

    // As CognitoUser does before ConfirmDevice.
    return {
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      password: helper.getRandomPassword(),
    };
  } finally {
    AuthenticationHelper.prototype.generateRandomString = drawString;
    WordArray.prototype.random = drawWords;
  }
}

function deviceSrp(request) {
  return new Promise((resolve) => {
    AuthenticationHelper.prototype.generateRandomSmallA = () => new BigInteger(request.a, 16);
    DateHelper.prototype.getNowString = () => request.timestamp;
    const restore = () => {
      AuthenticationHelper.prototype.generateRandomSmallA = drawSmallA;
      DateHelper.prototype.getNowString = readClock;
    };

    const pool = new CognitoUserPool({ UserPoolId: request.userPoolId, ClientId: 'peerclientid0000000000000' });
    const result = {};
    pool.client = {
      request(operation, params, callback) {
        if (operation === 'RespondToAuthChallenge' && params.ChallengeName === 'DEVICE_SRP_AUTH') {
          result.srpA = params.ChallengeResponses.SRP_A;
          result.deviceSrpAuth = params.ChallengeResponses;
          callback(null, { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', ChallengeParameters: request.challenge, Session: 'peer-session-2' });
        } else if (operation === 'RespondToAuthChallenge' && params.ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
          result.devicePasswordVerifier = params.ChallengeResponses;
          callback({ code: 'PeerStop', name: 'PeerStop', message: 'the peer stops after the answer' }, null);
        } else {
          callback({ code: 'PeerUnexpected', message: `unexpected ${operation} ${params.ChallengeName}` }, null);
        }
      },
    };

    const user = new CognitoUser({ Username: request.username, Pool: pool });
    user.deviceKey = request.deviceKey;
    user.deviceGroupKey = request.deviceGroupKey;
    user.randomPassword = request.password;
    user.Session = 'peer-session-1';
    user.getDeviceResponse({
      onSuccess: () => { restore(); resolve({ error: 'signed in without the scripted Cognito stopping it' }); },
      onFailure: (err) => { restore(); resolve(err && err.code === 'PeerStop' ? result : { error: String((err && err.message) || err) }); },
    });
  });
}

module.exports = { deviceVerifier, deviceSrp };
