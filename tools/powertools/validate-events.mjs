// Validates Cognito trigger events with AWS Lambda Powertools' parser schemas (pinned in package-lock.json).
// stdin: a JSON array of events, as the emulator sent them to a function. stdout: a JSON array, one entry per event:
// {"triggerSource", "version", "schema", "ok", "issues": [{"path", "message"}]}.
// Each event is checked against the schema Powertools has for its trigger. Where Powertools pins triggerSource to one
// value (PreSignUp_SignUp, PostConfirmation_ConfirmSignUp) the other documented sources of that trigger are checked with
// only that literal widened to the event's own source; every other member is Powertools' own rule.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  CreateAuthChallengeTriggerSchema,
  CustomMessageTriggerSchema,
  DefineAuthChallengeTriggerSchema,
  MigrateUserTriggerSchema,
  PostAuthenticationTriggerSchema,
  PostConfirmationTriggerSchema,
  PreAuthenticationTriggerSchema,
  PreSignupTriggerSchema,
  PreTokenGenerationTriggerSchemaV1,
  PreTokenGenerationTriggerSchemaV2AndV3,
  VerifyAuthChallengeTriggerSchema,
} from '@aws-lambda-powertools/parser/schemas/cognito';

const widened = (schema, source) => schema.extend({ triggerSource: z.literal(source) });

function schemaFor(event) {
  const source = String(event.triggerSource ?? '');
  const trigger = source.split('_')[0];
  switch (trigger) {
    case 'PreSignUp':
      return source === 'PreSignUp_SignUp' ? ['PreSignupTriggerSchema', PreSignupTriggerSchema]
        : [`PreSignupTriggerSchema (triggerSource ${source})`, widened(PreSignupTriggerSchema, source)];
    case 'PostConfirmation':
      return source === 'PostConfirmation_ConfirmSignUp' ? ['PostConfirmationTriggerSchema', PostConfirmationTriggerSchema]
        : [`PostConfirmationTriggerSchema (triggerSource ${source})`, widened(PostConfirmationTriggerSchema, source)];
    case 'PreAuthentication': return ['PreAuthenticationTriggerSchema', PreAuthenticationTriggerSchema];
    case 'PostAuthentication': return ['PostAuthenticationTriggerSchema', PostAuthenticationTriggerSchema];
    case 'CustomMessage': return ['CustomMessageTriggerSchema', CustomMessageTriggerSchema];
    case 'UserMigration': return ['MigrateUserTriggerSchema', MigrateUserTriggerSchema];
    case 'TokenGeneration':
      return event.version === '1' ? ['PreTokenGenerationTriggerSchemaV1', PreTokenGenerationTriggerSchemaV1]
        : ['PreTokenGenerationTriggerSchemaV2AndV3', PreTokenGenerationTriggerSchemaV2AndV3];
    case 'DefineAuthChallenge': return ['DefineAuthChallengeTriggerSchema', DefineAuthChallengeTriggerSchema];
    case 'CreateAuthChallenge': return ['CreateAuthChallengeTriggerSchema', CreateAuthChallengeTriggerSchema];
    case 'VerifyAuthChallengeResponse': return ['VerifyAuthChallengeTriggerSchema', VerifyAuthChallengeTriggerSchema];
    default: return [null, null];
  }
}

const events = JSON.parse(readFileSync(0, 'utf8'));
const results = events.map((event) => {
  const [name, schema] = schemaFor(event);
  if (!schema) {
    return { triggerSource: event.triggerSource, version: event.version, schema: null, ok: false, issues: [{ path: 'triggerSource', message: 'no Powertools schema' }] };
  }
  // strict: a member Powertools does not know is reported too, so an invented field cannot slip through.
  const parsed = strictly(schema).safeParse(event);
  return {
    triggerSource: event.triggerSource,
    version: event.version,
    schema: name,
    ok: parsed.success,
    issues: parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
});
process.stdout.write(JSON.stringify(results));

// The envelope and request strict (no member Powertools does not model); response left as Powertools has it.
function strictly(schema) {
  const shape = schema.shape;
  return schema.extend({
    callerContext: shape.callerContext.strict(),
    request: shape.request.strict(),
  }).strict();
}
