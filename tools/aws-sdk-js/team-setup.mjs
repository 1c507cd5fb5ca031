// A team's realistic integration-test setup, written against the AWS SDK for JavaScript v3 as it would be against AWS:
// create a pool and an app client, sign a user up, confirm it with the code from the emulator's inbox, sign in, put the
// user in a group and see it in the token, reset the password, sign out, and delete everything. Run by the emulator's
// tests against bin/local:  node team-setup.mjs <outputs.json>
// Prints one JSON line with what it saw; exits non-zero at the first step that does not behave as Cognito does.
import { readFileSync } from 'node:fs';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand, CreateUserPoolClientCommand, DescribeUserPoolCommand, SignUpCommand, ConfirmSignUpCommand,
  InitiateAuthCommand, CreateGroupCommand, AdminAddUserToGroupCommand, ListUsersCommand, GetUserCommand,
  ForgotPasswordCommand, ConfirmForgotPasswordCommand, GlobalSignOutCommand, AdminDeleteUserCommand,
  DeleteUserPoolClientCommand, DeleteUserPoolCommand,
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

async function latestCode(email) {
  const response = await fetch(`${endpoint}_local/inbox?to=${encodeURIComponent(email)}`);
  const { messages } = await response.json();
  check(messages.length > 0, `no message to ${email} in the inbox`);
  return messages[messages.length - 1].code;
}

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
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

const email = `dev-${Date.now()}@example.com`;
const { UserPool } = await cognito.send(new CreateUserPoolCommand({
  PoolName: 'team-integration-tests',
  UsernameAttributes: ['email'],
  AutoVerifiedAttributes: ['email'],
  Policies: { PasswordPolicy: { MinimumLength: 10, RequireLowercase: true, RequireNumbers: true, RequireUppercase: false, RequireSymbols: false } },
}));
check(UserPool.CreationDate instanceof Date, 'CreationDate is not a date');
seen.poolId = UserPool.Id;

const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({
  UserPoolId: UserPool.Id,
  ClientName: 'web',
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  PreventUserExistenceErrors: 'ENABLED',
}));
const ClientId = UserPoolClient.ClientId;

const signUp = await cognito.send(new SignUpCommand({ ClientId, Username: email, Password: 'first-passw0rd' }));
check(signUp.UserConfirmed === false, 'a fresh sign-up is confirmed');
check(signUp.CodeDeliveryDetails?.DeliveryMedium === 'EMAIL', 'no code was e-mailed');
seen.unconfirmed = await expectError('UserNotConfirmedException',
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'first-passw0rd' } })));
await cognito.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: await latestCode(email) }));

await cognito.send(new CreateGroupCommand({ UserPoolId: UserPool.Id, GroupName: 'editors', Precedence: 1 }));
await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: UserPool.Id, Username: email, GroupName: 'editors' }));
const listed = await cognito.send(new ListUsersCommand({ UserPoolId: UserPool.Id, Filter: `email = "${email}"` }));
check(listed.Users.length === 1 && listed.Users[0].UserStatus === 'CONFIRMED', 'ListUsers does not find the confirmed user');

const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'first-passw0rd' } }));
const tokens = signedIn.AuthenticationResult;
seen.accessGroups = claims(tokens.AccessToken)['cognito:groups'];
seen.idGroups = claims(tokens.IdToken)['cognito:groups'];
check(JSON.stringify(seen.accessGroups) === '["editors"]', 'cognito:groups is not in the access token');
check(JSON.stringify(seen.idGroups) === '["editors"]', 'cognito:groups is not in the ID token');
const me = await cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
check(me.UserAttributes.some(a => a.Name === 'email_verified' && a.Value === 'true'), 'the email is not verified after confirmation');

await cognito.send(new ForgotPasswordCommand({ ClientId, Username: email }));
await cognito.send(new ConfirmForgotPasswordCommand({ ClientId, Username: email, ConfirmationCode: await latestCode(email), Password: 'second-passw0rd' }));
seen.oldPassword = await expectError('NotAuthorizedException',
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'first-passw0rd' } })));
const again = await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'second-passw0rd' } }));

await cognito.send(new GlobalSignOutCommand({ AccessToken: again.AuthenticationResult.AccessToken }));
seen.afterSignOut = await expectError('NotAuthorizedException',
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: again.AuthenticationResult.RefreshToken } })));

await cognito.send(new AdminDeleteUserCommand({ UserPoolId: UserPool.Id, Username: email }));
await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: UserPool.Id, ClientId }));
await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool.Id }));
seen.afterDelete = await expectError('ResourceNotFoundException', cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool.Id })));

console.log(JSON.stringify(seen));
