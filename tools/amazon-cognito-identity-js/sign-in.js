// amazon-cognito-identity-js, AWS's own client, signing in against a Cognito endpoint (the emulator) as an app would:
// its default SRP sign-in (authenticateUser), completeNewPasswordChallenge, TOTP enrolment (associateSoftwareToken →
// verifySoftwareToken → setUserMfaPreference) with codes from otpauth, then a fresh sign-in that answers the TOTP challenge
// (sendMFACode). The library's requests go over node's fetch (isomorphic-unfetch); nothing of the library is changed.
//
//   node sign-in.js   with one JSON object on stdin:
//   {"endpoint", "userPoolId", "clientId", "username", "password", "newPassword", "secondSignInCodeOffsetSeconds"}
// Writes one JSON object on stdout with what it saw; exits 1 with the reason on stderr at the first step that fails.
// secondSignInCodeOffsetSeconds: the second sign-in's code is the one of that many seconds ahead (30 = the next time step),
// so it is never the code verifySoftwareToken spent, which Cognito refuses to take twice.
'use strict';

const path = require('path');
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require(path.join(__dirname, 'node_modules', 'amazon-cognito-identity-js'));
const OTPAuth = require(path.join(__dirname, 'node_modules', 'otpauth'));

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

function totpCode(secret, offsetSeconds) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

function fail(step, err) {
  throw new Error(`${step}: ${(err && (err.code || err.name)) || ''} ${(err && err.message) || err}`);
}

// authenticateUser with every callback the library may call; resolves with the step it stopped at.
function authenticate(user, username, password) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ step: 'signedIn', session }),
      onFailure: (err) => reject(err),
      newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ step: 'newPasswordRequired', userAttributes, requiredAttributes }),
      totpRequired: (challengeName, challengeParameters) => resolve({ step: 'totpRequired', challengeName, challengeParameters }),
      mfaRequired: () => reject(new Error('SMS MFA asked for')),
      mfaSetup: () => resolve({ step: 'mfaSetup' }),
      selectMFAType: () => reject(new Error('selectMFAType asked for')),
      customChallenge: () => reject(new Error('customChallenge asked for')),
    });
  });
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
  }
  const request = JSON.parse(input);
  const pool = new CognitoUserPool({ UserPoolId: request.userPoolId, ClientId: request.clientId, endpoint: request.endpoint });
  const seen = {};

  // 1. The default flow, USER_SRP_AUTH, with the temporary password: NEW_PASSWORD_REQUIRED.
  const user = new CognitoUser({ Username: request.username, Pool: pool });
  const first = await authenticate(user, request.username, request.password).catch((err) => fail('authenticateUser', err));
  seen.firstStep = first.step;
  if (first.step !== 'newPasswordRequired') {
    fail('authenticateUser', new Error(`expected newPasswordRequired, got ${first.step}`));
  }
  seen.userAttributes = first.userAttributes;

  // 2. completeNewPasswordChallenge: tokens (the attributes the challenge sent back must not be returned: email is not writable as is).
  const session = await new Promise((resolve, reject) => {
    user.completeNewPasswordChallenge(request.newPassword, {}, {
      onSuccess: resolve,
      onFailure: reject,
      totpRequired: () => reject(new Error('totpRequired before enrolment')),
      mfaSetup: () => reject(new Error('mfaSetup in an OPTIONAL pool')),
    });
  }).catch((err) => fail('completeNewPasswordChallenge', err));
  seen.afterNewPassword = { username: claims(session.getAccessToken().getJwtToken()).username, valid: session.isValid() };

  // 3. Enrol TOTP: associateSoftwareToken → verifySoftwareToken (otpauth's code) → setUserMfaPreference.
  const secret = await new Promise((resolve, reject) => {
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
  }).catch((err) => fail('associateSoftwareToken', err));
  seen.secretLength = secret.length;
  const verified = await new Promise((resolve, reject) => {
    user.verifySoftwareToken(totpCode(secret, 0), 'peer-phone', { onSuccess: resolve, onFailure: reject });
  }).catch((err) => fail('verifySoftwareToken', err));
  seen.verifyStatus = verified.Status;
  seen.preference = await new Promise((resolve, reject) => {
    user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (err, result) => (err ? reject(err) : resolve(result)));
  }).catch((err) => fail('setUserMfaPreference', err));

  // 4. A fresh sign-in, SRP with the new password: the TOTP challenge, answered with sendMFACode.
  const again = new CognitoUser({ Username: request.username, Pool: pool });
  const second = await authenticate(again, request.username, request.newPassword).catch((err) => fail('second authenticateUser', err));
  seen.secondStep = second.step;
  seen.challengeParameters = second.challengeParameters;
  if (second.step !== 'totpRequired') {
    fail('second authenticateUser', new Error(`expected totpRequired, got ${second.step}`));
  }
  const signedIn = await new Promise((resolve, reject) => {
    again.sendMFACode(totpCode(secret, request.secondSignInCodeOffsetSeconds), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA');
  }).catch((err) => fail('sendMFACode', err));
  const accessClaims = claims(signedIn.getAccessToken().getJwtToken());
  seen.afterTotp = { username: accessClaims.username, tokenUse: accessClaims.token_use, valid: signedIn.isValid(), hasRefreshToken: !!signedIn.getRefreshToken().getToken() };

  process.stdout.write(JSON.stringify(seen));
}

main().catch((err) => {
  process.stderr.write(String((err && err.message) || err));
  process.exit(1);
});
