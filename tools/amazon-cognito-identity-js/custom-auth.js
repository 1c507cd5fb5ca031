// amazon-cognito-identity-js, AWS's own client, signing in with custom authentication against a Cognito endpoint (the
// emulator) whose pool runs its define/create/verify triggers through AWS Lambda's Invoke API — served here, by this
// script, as `sam local start-lambda` would serve a team's functions. Two sign-ins, with the library unchanged:
//   1. initiateAuth (CUSTOM_AUTH, no password): a wrong answer first (define asks again), then the right one, each with
//      sendCustomChallengeAnswer from the customChallenge callback;
//   2. authenticateUser with authenticationFlowType CUSTOM_AUTH ("custom with SRP"): SRP_A, PASSWORD_VERIFIER, then the
//      custom challenge.
//
//   node custom-auth.js   with one JSON object on stdin:
//   {"endpoint", "userPoolId", "clientId", "username", "password", "lambdaPort"}
// The Invoke API listens on 127.0.0.1:lambdaPort (the emulator is started with --lambda-endpoint http://127.0.0.1:PORT/)
// for the functions "define", "create" and "verify"; any other name is the Lambda service's 404.
// Writes one JSON object on stdout with what it saw (each sign-in's questions and token claims, every event the functions
// got); exits 1 with the reason on stderr at the first step that fails.
'use strict';

const http = require('http');
const path = require('path');
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require(path.join(__dirname, 'node_modules', 'amazon-cognito-identity-js'));

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

// The trio, as AWS's examples write it: SRP first when the session starts with SRP_A; one right answer to "n+n?" signs
// in; three wrong ones (or a wrong password) fail the sign-in.
const functions = {
  define(event) {
    const session = event.request.session;
    const last = session[session.length - 1];
    const response = event.response;
    if (session.length === 1 && last.challengeName === 'SRP_A') {
      response.challengeName = 'PASSWORD_VERIFIER';
    } else if (session.some((s) => s.challengeName === 'PASSWORD_VERIFIER' && !s.challengeResult)) {
      response.failAuthentication = true;
    } else if (session.some((s) => s.challengeName === 'CUSTOM_CHALLENGE' && s.challengeResult)) {
      response.issueTokens = true;
    } else if (session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
      response.failAuthentication = true;
    } else {
      response.challengeName = 'CUSTOM_CHALLENGE';
    }
    return event;
  },
  create(event) {
    const n = event.request.session.length + 1;
    event.response.publicChallengeParameters = { question: `${n}+${n}?` };
    event.response.privateChallengeParameters = { answer: String(2 * n) };
    event.response.challengeMetadata = `Q${n}`;
    return event;
  },
  verify(event) {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  },
};

function startInvokeApi(port, events) {
  const server = http.createServer((req, res) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url || '');
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const name = match && decodeURIComponent(match[1]);
      if (req.method !== 'POST' || !name || !functions[name]) {
        res.writeHead(404, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'ResourceNotFoundException' });
        res.end(JSON.stringify({ Type: 'User', Message: `Function not found: ${name}` }));
        return;
      }
      const event = JSON.parse(body);
      events.push({
        name,
        triggerSource: event.triggerSource,
        signed: /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/lambda\/aws4_request/.test(req.headers.authorization || ''),
        session: (event.request.session || []).map((s) => [s.challengeName, s.challengeResult]),
        clientMetadata: event.request.clientMetadata || null,
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(functions[name](event)));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function fail(step, err) {
  throw new Error(`${step}: ${(err && (err.code || err.name)) || ''} ${(err && err.message) || err}`);
}

// Drives a custom sign-in to its end: each customChallenge is answered by `answer(parameters, round)`.
function signIn(start, user, answer) {
  const questions = [];
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session) => resolve({ session, questions }),
      onFailure: reject,
      customChallenge: (parameters) => {
        questions.push(parameters.question);
        user.sendCustomChallengeAnswer(answer(parameters, questions.length), callbacks, { step: String(questions.length) });
      },
      newPasswordRequired: () => reject(new Error('newPasswordRequired asked for')),
      mfaRequired: () => reject(new Error('mfaRequired asked for')),
      totpRequired: () => reject(new Error('totpRequired asked for')),
      mfaSetup: () => reject(new Error('mfaSetup asked for')),
      selectMFAType: () => reject(new Error('selectMFAType asked for')),
    };
    start(callbacks);
  });
}

function rightAnswer(parameters) {
  return String(2 * Number(parameters.question.split('+')[0]));
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
  }
  const request = JSON.parse(input);
  const events = [];
  const server = await startInvokeApi(request.lambdaPort, events);
  try {
    const pool = new CognitoUserPool({ UserPoolId: request.userPoolId, ClientId: request.clientId, endpoint: request.endpoint });
    const seen = {};

    // 1. Custom only: initiateAuth, a wrong answer, then the right one.
    const first = new CognitoUser({ Username: request.username, Pool: pool });
    first.setAuthenticationFlowType('CUSTOM_AUTH');
    const details = new AuthenticationDetails({ Username: request.username, ClientMetadata: { app: 'peer' } });
    const custom = await signIn((callbacks) => first.initiateAuth(details, callbacks), first, (parameters, round) => (round === 1 ? 'wrong' : rightAnswer(parameters)))
      .catch((err) => fail('initiateAuth', err));
    const firstClaims = claims(custom.session.getAccessToken().getJwtToken());
    seen.custom = { questions: custom.questions, username: firstClaims.username, tokenUse: firstClaims.token_use, valid: custom.session.isValid() };
    seen.customEvents = events.splice(0);

    // 2. Custom with SRP: authenticateUser under CUSTOM_AUTH proves the password first.
    const second = new CognitoUser({ Username: request.username, Pool: pool });
    second.setAuthenticationFlowType('CUSTOM_AUTH');
    const withPassword = new AuthenticationDetails({ Username: request.username, Password: request.password });
    const srp = await signIn((callbacks) => second.authenticateUser(withPassword, callbacks), second, rightAnswer)
      .catch((err) => fail('authenticateUser (CUSTOM_AUTH)', err));
    const secondClaims = claims(srp.session.getAccessToken().getJwtToken());
    seen.srp = { questions: srp.questions, username: secondClaims.username, valid: srp.session.isValid(), hasRefreshToken: !!srp.session.getRefreshToken().getToken() };
    seen.srpEvents = events.splice(0);

    process.stdout.write(JSON.stringify(seen));
  } finally {
    server.close();
  }
}

main().catch((err) => {
  process.stderr.write(String((err && err.message) || err));
  process.exit(1);
});
