// Refresh-token rotation as an app on the AWS SDK for JavaScript v3 meets it, against bin/local started with
// --refresh-token-rotation --refresh-token-grace <seconds>:
//   the user app client (rotating): GetTokensFromRefreshToken returns a new refresh token each time, the old one works
//   for a retry within the grace period and is refused with RefreshTokenReuseException after it, REFRESH_TOKEN_AUTH is
//   refused; an app client the script creates without rotation: GetTokensFromRefreshToken returns no refresh token and
//   the same one keeps working, as does REFRESH_TOKEN_AUTH; a client created with RefreshTokenRotation is described so.
//   node rotation.mjs <outputs.json> <grace seconds>
// Prints one JSON line with what it saw; exits non-zero at the first step that does not behave as Cognito does.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand, RespondToAuthChallengeCommand, GetTokensFromRefreshTokenCommand,
  CreateUserPoolClientCommand, DescribeUserPoolClientCommand, DeleteUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const stack = JSON.parse(readFileSync(process.argv[2], 'utf8')).CognitoAuthStack;
const graceSeconds = Number(process.argv[3]);
const cognito = new CognitoIdentityProviderClient({
  endpoint: stack.CognitoEndpoint,
  region: stack.Region,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
  maxAttempts: 1,
});

const seen = {};
function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function expectError(name, promise) {
  try {
    await promise;
  } catch (error) {
    check(error.name === name, `expected ${name}, got ${error.name}: ${error.message}`);
    return error.message;
  }
  throw new Error(`expected ${name}, the call succeeded`);
}

const refresh = (ClientId, RefreshToken) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));
const refreshTokenAuth = (ClientId, token) =>
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } }));

// The seed user, through its NEW_PASSWORD_REQUIRED challenge, on the rotating user app client.
const rotatingClient = stack.UserPoolClientId;
const challenge = await cognito.send(new InitiateAuthCommand({
  ClientId: rotatingClient,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: 'testuser@example.com', PASSWORD: 'TempPass123!' },
}));
check(challenge.ChallengeName === 'NEW_PASSWORD_REQUIRED', `expected NEW_PASSWORD_REQUIRED, got ${challenge.ChallengeName}`);
const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
  ClientId: rotatingClient,
  ChallengeName: 'NEW_PASSWORD_REQUIRED',
  Session: challenge.Session,
  ChallengeResponses: { USERNAME: challenge.ChallengeParameters.USER_ID_FOR_SRP, NEW_PASSWORD: 'NewSecurePass123!' },
}));
const original = signedIn.AuthenticationResult.RefreshToken;

// Rotation on.
const rotated = (await refresh(rotatingClient, original)).AuthenticationResult;
check(typeof rotated.AccessToken === 'string' && typeof rotated.IdToken === 'string', 'no access or ID token');
check(typeof rotated.RefreshToken === 'string' && rotated.RefreshToken !== original, 'no new refresh token from a rotating client');
const retried = (await refresh(rotatingClient, original)).AuthenticationResult;
seen.retryWithinGrace = typeof retried.RefreshToken === 'string';
await sleep(graceSeconds * 1000 + 1500);
seen.reuseAfterGrace = await expectError('RefreshTokenReuseException', refresh(rotatingClient, original));
const next = (await refresh(rotatingClient, rotated.RefreshToken)).AuthenticationResult;
seen.rotatedAgain = typeof next.RefreshToken === 'string' && next.RefreshToken !== rotated.RefreshToken;
seen.refreshTokenAuthOnRotating = await expectError('InvalidParameterException', refreshTokenAuth(rotatingClient, next.RefreshToken));
const described = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: stack.UserPoolId, ClientId: rotatingClient }));
seen.userClientRotation = described.UserPoolClient.RefreshTokenRotation;

// Rotation off, on an app client of the team's own.
const { UserPoolClient: plain } = await cognito.send(new CreateUserPoolClientCommand({
  UserPoolId: stack.UserPoolId,
  ClientName: 'team-plain',
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
}));
const plainSignIn = await cognito.send(new InitiateAuthCommand({
  ClientId: plain.ClientId,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: 'testuser@example.com', PASSWORD: 'NewSecurePass123!' },
}));
const plainToken = plainSignIn.AuthenticationResult.RefreshToken;
const first = (await refresh(plain.ClientId, plainToken)).AuthenticationResult;
const second = (await refresh(plain.ClientId, plainToken)).AuthenticationResult;
seen.plainRefreshTokens = [first.RefreshToken ?? null, second.RefreshToken ?? null];
check(typeof second.AccessToken === 'string', 'the same refresh token stopped working on a client without rotation');
seen.refreshTokenAuthOnPlain = typeof (await refreshTokenAuth(plain.ClientId, plainToken)).AuthenticationResult.AccessToken === 'string';

// Rotation configured through CreateUserPoolClient.
const { UserPoolClient: configured } = await cognito.send(new CreateUserPoolClientCommand({
  UserPoolId: stack.UserPoolId,
  ClientName: 'team-rotating',
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
}));
seen.createdRotation = configured.RefreshTokenRotation;
seen.refused = await expectError('InvalidParameterException', cognito.send(new CreateUserPoolClientCommand({
  UserPoolId: stack.UserPoolId,
  ClientName: 'team-conflict',
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  RefreshTokenRotation: { Feature: 'ENABLED' },
})));
await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: stack.UserPoolId, ClientId: plain.ClientId }));
await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: stack.UserPoolId, ClientId: configured.ClientId }));

console.log(JSON.stringify(seen));
