// Choice-based sign-in (USER_AUTH) as an app on the AWS SDK for JavaScript v3 writes it against AWS, run against bin/local
// (started with --no-seed): create a pool whose sign-in policy allows PASSWORD and EMAIL_OTP (e-mail through SES, as
// Cognito requires) and a client allowing ALLOW_USER_AUTH, create a user with a verified e-mail address and a password,
// then sign in with PREFERRED_CHALLENGE=PASSWORD, with PREFERRED_CHALLENGE=EMAIL_OTP (the code read from the emulator's
// inbox endpoint), and without a preference (SELECT_CHALLENGE); ask GetUserAuthFactors; delete the pool.
//   node user-auth.mjs <outputs.json>
// Prints one JSON line with what it saw; exits non-zero at the first step that does not behave as Cognito does.
import { readFileSync } from 'node:fs';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand, CreateUserPoolClientCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand,
  InitiateAuthCommand, RespondToAuthChallengeCommand, GetUserAuthFactorsCommand, DeleteUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const stack = JSON.parse(readFileSync(process.argv[2], 'utf8')).CognitoAuthStack;
const endpoint = stack.CognitoEndpoint;
const cognito = new CognitoIdentityProviderClient({
  endpoint,
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

async function latestCode(address) {
  const response = await fetch(`${endpoint}_local/inbox?to=${encodeURIComponent(address)}`);
  const { messages } = await response.json();
  check(messages.length > 0, `no message to ${address} in the inbox`);
  const latest = messages[messages.length - 1];
  seen.inboxKind = latest.kind;
  return latest.code;
}

const email = 'otp-user@example.com';
const password = 'Choice-Pass123!';
const { UserPool } = await cognito.send(new CreateUserPoolCommand({
  PoolName: 'choice-based',
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
  EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:ap-northeast-1:123456789012:identity/example.com' },
}));
seen.allowedFirstAuthFactors = UserPool.Policies.SignInPolicy.AllowedFirstAuthFactors;
const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({
  UserPoolId: UserPool.Id,
  ClientName: 'choice-based-app',
  ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
}));
const ClientId = UserPoolClient.ClientId;
await cognito.send(new AdminCreateUserCommand({
  UserPoolId: UserPool.Id,
  Username: email,
  MessageAction: 'SUPPRESS',
  UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
}));
await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: UserPool.Id, Username: email, Password: password, Permanent: true }));

// PREFERRED_CHALLENGE=PASSWORD with the password: tokens at once.
const byPassword = await cognito.send(new InitiateAuthCommand({
  ClientId,
  AuthFlow: 'USER_AUTH',
  AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password },
}));
check(byPassword.AuthenticationResult?.AccessToken, `PASSWORD: expected tokens, got ${byPassword.ChallengeName}`);
seen.passwordTokens = true;

// PREFERRED_CHALLENGE=EMAIL_OTP: the EMAIL_OTP challenge, the code from the inbox, tokens.
const otp = await cognito.send(new InitiateAuthCommand({
  ClientId,
  AuthFlow: 'USER_AUTH',
  AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
}));
check(otp.ChallengeName === 'EMAIL_OTP', `EMAIL_OTP: expected the EMAIL_OTP challenge, got ${otp.ChallengeName}`);
seen.emailOtpDestination = otp.ChallengeParameters.CODE_DELIVERY_DESTINATION;
seen.emailOtpMedium = otp.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM;
const code = await latestCode(email);
seen.codeLength = code.length;
const byCode = await cognito.send(new RespondToAuthChallengeCommand({
  ClientId,
  ChallengeName: 'EMAIL_OTP',
  Session: otp.Session,
  ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
}));
check(byCode.AuthenticationResult?.RefreshToken, 'EMAIL_OTP: expected tokens with a refresh token');
seen.emailOtpTokens = true;

// No preference: SELECT_CHALLENGE with the AvailableChallenges.
const select = await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: email } }));
check(select.ChallengeName === 'SELECT_CHALLENGE', `no preference: expected SELECT_CHALLENGE, got ${select.ChallengeName}`);
seen.availableChallenges = select.AvailableChallenges;

const factors = await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: byCode.AuthenticationResult.AccessToken }));
seen.configuredUserAuthFactors = factors.ConfiguredUserAuthFactors;

await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool.Id }));
console.log(JSON.stringify(seen));
