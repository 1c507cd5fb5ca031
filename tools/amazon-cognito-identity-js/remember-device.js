// amazon-cognito-identity-js, AWS's own client, remembering a device against a Cognito endpoint (bin/local) as an app
// would, in a pool with TOTP MFA required and remembered devices that replace the code (ChallengeRequiredOnNewDevice,
// DeviceOnlyRememberedOnUserPrompt): MFA set up at the first sign-in (associateSoftwareToken → verifySoftwareToken, codes
// from otpauth); the second sign-in answers the TOTP code (sendMFACode) and the library confirms the device Cognito hands
// out (NewDeviceMetadata → generateHashDevice → ConfirmDevice); setDeviceStatusRemembered; then a fresh CognitoUser signs in
// with no code at all (the library's device SRP: DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER); refreshSession with the
// device key; and once the device is forgotten behind the library's back (forgetSpecificDevice), the next sign-in falls
// back from "Device does not exist." to the TOTP code. Nothing of the library is changed: the pool's client is only
// watched, to report which operations and challenges the library sent.
//
//   node remember-device.js   with one JSON object on stdin: {"endpoint", "userPoolId", "clientId", "username", "password"}
// Writes one JSON object on stdout with what it saw; exits 1 with the reason on stderr at the first step that fails.
'use strict';

const path = require('path');
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require(path.join(__dirname, 'node_modules', 'amazon-cognito-identity-js'));
const OTPAuth = require(path.join(__dirname, 'node_modules', 'otpauth'));

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
      onSuccess: (session, userConfirmationNecessary) => resolve({ step: 'signedIn', session, userConfirmationNecessary }),
      onFailure: (err) => reject(err),
      newPasswordRequired: () => resolve({ step: 'newPasswordRequired' }),
      totpRequired: () => resolve({ step: 'totpRequired' }),
      mfaRequired: () => reject(new Error('SMS MFA asked for')),
      mfaSetup: () => resolve({ step: 'mfaSetup' }),
      selectMFAType: () => reject(new Error('selectMFAType asked for')),
      customChallenge: () => reject(new Error('customChallenge asked for')),
    });
  });
}

function call(step, fn) {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result)))).catch((err) => fail(step, err));
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
  }
  const request = JSON.parse(input);
  const pool = new CognitoUserPool({ UserPoolId: request.userPoolId, ClientId: request.clientId, endpoint: request.endpoint });

  // Watch what the library sends (operation, challenge, whether DEVICE_KEY went along), without changing it.
  const sent = [];
  const send = pool.client.request.bind(pool.client);
  pool.client.request = (operation, params, callback) => {
    const parameters = params.AuthParameters || params.ChallengeResponses || {};
    sent.push({ operation, name: params.ChallengeName || params.AuthFlow || null, deviceKey: !!(parameters.DEVICE_KEY || params.DeviceKey) });
    return send(operation, params, callback);
  };
  const seen = {};
  const mark = () => sent.length;
  const since = (from) => sent.slice(from);

  // 1. First sign-in (SRP): MFA is required and the user has none, so MFA_SETUP: enrol a TOTP token through the session.
  const first = new CognitoUser({ Username: request.username, Pool: pool });
  seen.firstStep = (await authenticate(first, request.username, request.password).catch((err) => fail('authenticateUser', err))).step;
  if (seen.firstStep !== 'mfaSetup') {
    fail('authenticateUser', new Error(`expected mfaSetup, got ${seen.firstStep}`));
  }
  const secret = await new Promise((resolve, reject) => first.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }))
    .catch((err) => fail('associateSoftwareToken', err));
  await new Promise((resolve, reject) => first.verifySoftwareToken(totpCode(secret, 0), 'peer-phone', { onSuccess: resolve, onFailure: reject }))
    .catch((err) => fail('verifySoftwareToken', err));

  // 2. Second sign-in: the TOTP code; the tokens carry NewDeviceMetadata, which the library confirms (ConfirmDevice).
  const second = new CognitoUser({ Username: request.username, Pool: pool });
  seen.secondStep = (await authenticate(second, request.username, request.password).catch((err) => fail('second authenticateUser', err))).step;
  if (seen.secondStep !== 'totpRequired') {
    fail('second authenticateUser', new Error(`expected totpRequired, got ${seen.secondStep}`));
  }
  const confirmed = await new Promise((resolve, reject) => second.sendMFACode(totpCode(secret, 30), {
    onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary }),
    onFailure: reject,
  }, 'SOFTWARE_TOKEN_MFA')).catch((err) => fail('sendMFACode', err));
  seen.userConfirmationNecessary = confirmed.userConfirmationNecessary === true;
  seen.deviceKey = second.deviceKey;

  // 3. The user says yes: remembered. The device as the library reads it back.
  seen.remembered = await call('setDeviceStatusRemembered', (cb) => second.setDeviceStatusRemembered({ onSuccess: (r) => cb(null, r), onFailure: cb }));
  const device = await call('getDevice', (cb) => second.getDevice({ onSuccess: (r) => cb(null, r), onFailure: cb }));
  seen.deviceAttributes = Object.fromEntries(device.Device.DeviceAttributes.map((a) => [a.Name, a.Value]));
  const listed = await call('listDevices', (cb) => second.listDevices(10, null, { onSuccess: (r) => cb(null, r), onFailure: cb }));
  seen.listedDeviceKeys = listed.Devices.map((d) => d.DeviceKey);

  // 4. A fresh CognitoUser (the device remembered in the library's storage): signed in with no TOTP code, by the device.
  const third = new CognitoUser({ Username: request.username, Pool: pool });
  let from = mark();
  const remembered = await authenticate(third, request.username, request.password).catch((err) => fail('third authenticateUser', err));
  seen.thirdStep = remembered.step;
  seen.thirdSent = since(from);
  if (remembered.step !== 'signedIn') {
    fail('third authenticateUser', new Error(`expected signedIn without a code, got ${remembered.step}`));
  }
  seen.thirdValid = remembered.session.isValid();

  // 5. refreshSession: the library sends the device key with REFRESH_TOKEN_AUTH.
  from = mark();
  const refreshed = await call('refreshSession', (cb) => third.refreshSession(remembered.session.getRefreshToken(), cb));
  seen.refreshValid = refreshed.isValid();
  seen.refreshSent = since(from);

  // 6. The device forgotten behind the library's back (its storage still holds it): "Device does not exist." on the next
  //    sign-in, which the library answers by forgetting its copy and answering again without it — the TOTP code again.
  await call('forgetSpecificDevice', (cb) => third.forgetSpecificDevice(seen.deviceKey, { onSuccess: (r) => cb(null, r), onFailure: cb }));
  const fourth = new CognitoUser({ Username: request.username, Pool: pool });
  from = mark();
  seen.afterForgetStep = (await authenticate(fourth, request.username, request.password).catch((err) => fail('fourth authenticateUser', err))).step;
  seen.afterForgetSent = since(from);

  process.stdout.write(JSON.stringify(seen));
}

main().catch((err) => {
  process.stderr.write(String((err && err.message) || err));
  process.exit(1);
});
