using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Pool.Srp;
using CognitoAuth.Emulator.SignIn.Challenges;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.SignIn;

/// <summary>
/// The one place the rules of signing in live, for the JSON API and the managed login alike: the first factor (a password,
/// or the start of an SRP exchange) and the answer to each challenge, each step answered with a <see cref="SignInResult"/>.
/// Cognito's rules: <c>SECRET_HASH</c> on the API, PreventUserExistenceErrors, disabled users, reset passwords, unconfirmed
/// users, expiring temporary passwords, single-use sessions bound to their client and user, the pool's MFA.
/// <para>
/// Each step reads and validates under the directory's lock, does its slow or outside work without it (SRP's powers, and
/// the Lambda triggers of the next issue at the places named below), then checks again and commits under the lock.
/// </para>
/// It knows no HTTP, no request shapes and no protocol exception: the adapters (<c>Cognito/Operations/Authentication</c>,
/// <c>OAuth/ManagedLoginEndpoint</c>) resolve the pool and client, read their inputs and show the result.
/// </summary>
internal sealed partial class SignInEngine(PoolDirectory directory)
{
    private static readonly FrozenDictionary<string, IChallenge> Challenges = new IChallenge[]
    {
        new PasswordVerifierChallenge(),
        new NewPasswordChallenge(),
        new SoftwareTokenMfaChallenge(),
        new MfaSetupChallenge(),
        new CustomChallenge(),
        new DeviceSrpAuthChallenge(),
        new DevicePasswordVerifierChallenge(),
    }.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>
    /// The first factor by password (<c>ADMIN_USER_PASSWORD_AUTH</c>, <c>USER_PASSWORD_AUTH</c>, the managed login's form);
    /// <paramref name="deviceKey"/> is the API's <c>DEVICE_KEY</c> (<see cref="DeviceSteps"/>).
    /// </summary>
    public async Task<SignInResult> PasswordAsync(
        UserPool pool, AppClient client, string username, string password, string? secretHash, string? deviceKey, SignInChannel channel, CancellationToken cancellationToken)
    {
        PoolUser? user;
        lock (directory.Gate)
        {
            user = pool.FindUser(username);
            if (SecretHashRefusal(client, channel, secretHash, username, user?.Username) is { } wrongHash)
            {
                return new SignInResult.Refused(wrongHash);
            }
        }

        if (user is null)
        {
            var (migrated, refusedByMigration) = await MigrateUserAsync(pool, client, username, password, cancellationToken).ConfigureAwait(false);
            if (refusedByMigration is not null)
            {
                return new SignInResult.Refused(refusedByMigration);
            }

            user = migrated;
        }

        if (user is null)
        {
            return UnknownUser(client);
        }

        PasswordVerifier? verifier;
        lock (directory.Gate)
        {
            if (SignInSteps.FirstFactorRefusal(user) is { } refusal)
            {
                return new SignInResult.Refused(refusal);
            }

            verifier = user.Password;
        }

        if (await PreAuthenticationAsync(pool, client, user, cancellationToken).ConfigureAwait(false) is { } refusedByTrigger)
        {
            return new SignInResult.Refused(refusedByTrigger);
        }

        // The pool keeps the password's SRP verifier: the password is checked by making it again, outside the lock.
        if (verifier is null || !verifier.Matches(password))
        {
            return new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword);
        }

        SignInResult result;
        lock (directory.Gate)
        {
            // Checked again: the user may have been deleted, disabled or given another password meanwhile.
            result = pool.FindUser(user.Username) != user || !ReferenceEquals(user.Password, verifier)
                ? new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword)
                : SignInSteps.FirstFactorRefusal(user) is { } refusal
                    ? new SignInResult.Refused(refusal)
                    : SignInSteps.AfterPassword(pool, user, client);
        }

        // Devices (remembered devices): a device the sign-in names, or a new one with the tokens.
        if (channel == SignInChannel.Api)
        {
            result = DeviceSteps.After(pool, result, deviceKey, passwordJustProven: true);
        }

        return await FinishAsync(pool, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>USER_SRP_AUTH</c>: the client's <c>SRP_A</c> gets the <c>PASSWORD_VERIFIER</c> challenge (<c>SALT</c>, <c>SRP_B</c>,
    /// <c>SECRET_BLOCK</c>, and <c>USERNAME</c> and <c>USER_ID_FOR_SRP</c>, both Cognito's real username). The server's
    /// 3072-bit powers run outside the lock.
    /// </summary>
    public async Task<SignInResult> StartSrpAsync(UserPool pool, AppClient client, string username, string srpA, string? secretHash, string? deviceKey, CancellationToken cancellationToken)
    {
        PoolUser? user;
        PasswordVerifier? stored;
        lock (directory.Gate)
        {
            user = pool.FindUser(username);

            // Read once, under the lock: the challenge and the session must hold the same verifier, or a password set
            // between them would let a proof of the old password pass the check in PasswordVerifierChallenge.
            stored = user?.Password;
            if (SecretHashRefusal(client, SignInChannel.Api, secretHash, username, user?.Username) is { } wrongHash)
            {
                return new SignInResult.Refused(wrongHash);
            }

            if (user is null && !client.PreventUserExistenceErrors)
            {
                return new SignInResult.Refused(SignInErrors.UserDoesNotExist);
            }
        }

        if (user is not null && await PreAuthenticationAsync(pool, client, user, cancellationToken).ConfigureAwait(false) is { } refusedByTrigger)
        {
            return new SignInResult.Refused(refusedByTrigger);
        }

        // A user who does not exist (with PreventUserExistenceErrors) gets a challenge all the same, as AWS's guide says, with a
        // salt that is the same at every attempt: its answer then fails as a wrong password's would.
        var verifier = stored ?? Decoy(pool, user?.Username ?? username);
        if (!SrpServerChallenge.TryStart(verifier, srpA, out var challenge, out var rejection))
        {
            return new SignInResult.Refused(rejection == SrpARejection.ZeroModN ? SignInErrors.SrpAZero : SignInErrors.SrpAMalformed);
        }

        return PasswordVerifierChallenge(pool, client, challenge, stored, deviceKey, customAuth: null);
    }

    /// <summary>
    /// Opens the <c>PASSWORD_VERIFIER</c> challenge of an SRP exchange (of <c>USER_SRP_AUTH</c>, or of <c>CUSTOM_AUTH</c> begun
    /// with <c>SRP_A</c>, whose progress the session carries on).
    /// </summary>
    private SignInResult.Challenged PasswordVerifierChallenge(
        UserPool pool, AppClient client, SrpServerChallenge challenge, PasswordVerifier? stored, string? deviceKey, CustomAuthProgress? customAuth)
    {
        string session;
        lock (directory.Gate)
        {
            session = pool.StartSession(new ChallengeSession
            {
                Username = challenge.UserIdForSrp,
                ClientId = client.ClientId,
                ChallengeName = ChallengeNames.PasswordVerifier,
                ExpiresAt = pool.SessionExpiry,
                Srp = challenge,
                Verifier = stored,
                UnknownUser = stored is null,
                CustomAuth = customAuth,
                DeviceKey = deviceKey,
            });
        }

        return new SignInResult.Challenged(
            ChallengeNames.PasswordVerifier,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["SALT"] = challenge.SaltHex,
                ["SRP_B"] = challenge.SrpB,
                ["SECRET_BLOCK"] = challenge.SecretBlock,
                ["USERNAME"] = challenge.UserIdForSrp,
                ["USER_ID_FOR_SRP"] = challenge.UserIdForSrp,
            },
            session);
    }

    /// <summary>
    /// An answer to a challenge: its session must be open, of this client, asking this challenge, and answered by its user
    /// (<c>USERNAME</c>) — then the challenge decides. A <c>PASSWORD_VERIFIER</c> answer without a session is found by its
    /// <c>PASSWORD_CLAIM_SECRET_BLOCK</c>, as AWS finds it.
    /// </summary>
    public async Task<SignInResult> AnswerAsync(
        UserPool pool, AppClient client, string challengeName, string? session, IReadOnlyDictionary<string, string> responses, SignInChannel channel,
        IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken cancellationToken)
    {
        IChallenge? challenge;
        ChallengeContext context;
        string? deviceKey;
        lock (directory.Gate)
        {
            var pending = session is not null ? pool.FindSession(session)
                : challengeName == ChallengeNames.PasswordVerifier && responses.GetValueOrDefault("PASSWORD_CLAIM_SECRET_BLOCK") is { } secretBlock
                    ? pool.FindSessionBySecretBlock(secretBlock)
                    : null;
            if (pending is null || pending.ClientId != client.ClientId)
            {
                return new SignInResult.Refused(SignInErrors.InvalidSession);
            }

            if (pending.Refusal(pool.Now) is { } spent)
            {
                return new SignInResult.Refused(spent);
            }

            if (pending.ChallengeName != challengeName || !Challenges.TryGetValue(challengeName, out challenge))
            {
                return new SignInResult.Refused(SignInErrors.InvalidSession);
            }

            if (responses.GetValueOrDefault("USERNAME") is not { } username)
            {
                return new SignInResult.Refused(SignInErrors.MissingParameter("USERNAME"));
            }

            var secretHash = responses.GetValueOrDefault("SECRET_HASH");
            if (pending.UnknownUser)
            {
                // The made-up challenge of a user who does not exist fails as a wrong password would.
                if (SecretHashRefusal(client, channel, secretHash, username, alternativeUsername: null) is { } wrongHash)
                {
                    return new SignInResult.Refused(wrongHash);
                }

                pending.Used = true;
                return new SignInResult.Refused(SignInErrors.IncorrectUsernameOrPassword);
            }

            var user = pool.FindUser(username);
            if (user is null || user.Username != pending.Username)
            {
                return new SignInResult.Refused(SignInErrors.InvalidSession);
            }

            if (SecretHashRefusal(client, channel, secretHash, username, user.Username) is { } refusal)
            {
                return new SignInResult.Refused(refusal);
            }

            if (!user.Enabled)
            {
                return new SignInResult.Refused(SignInErrors.UserDisabled);
            }

            // Devices: a DEVICE_KEY that is no device of the user is refused before the answer spends the session.
            deviceKey = responses.GetValueOrDefault(DeviceSteps.DeviceKeyParameter) ?? pending.DeviceKey;
            if (channel == SignInChannel.Api && !DeviceSteps.IsDeviceChallenge(challengeName) && DeviceSteps.Refusal(pool, user, deviceKey) is { } noDevice)
            {
                return new SignInResult.Refused(noDevice);
            }

            context = new ChallengeContext(directory, pool, client, user, pending, responses) { ClientMetadata = clientMetadata };
        }

        var result = await challenge.AnswerAsync(context, cancellationToken).ConfigureAwait(false);
        if (channel == SignInChannel.Api && !DeviceSteps.IsDeviceChallenge(challengeName))
        {
            result = DeviceSteps.After(pool, result, deviceKey, passwordJustProven: challengeName is ChallengeNames.PasswordVerifier or ChallengeNames.NewPasswordRequired);
        }

        return await FinishAsync(pool, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The open challenge a session of this client asks, or <see langword="null"/> when it is spent, expired or another's.</summary>
    public OpenChallenge? FindChallenge(UserPool pool, AppClient client, string? session)
    {
        lock (directory.Gate)
        {
            return session is not null && pool.FindSession(session) is { } pending && pending.ClientId == client.ClientId && pending.Refusal(pool.Now) is null
                ? new OpenChallenge(pending.ChallengeName, pending.Username)
                : null;
        }
    }

    /// <summary>Ends a sign-in in progress (its session can no longer be answered).</summary>
    public void Abandon(UserPool pool, string? session)
    {
        lock (directory.Gate)
        {
            pool.EndSession(session);
        }
    }

    private static SignInResult UnknownUser(AppClient client) =>
        new SignInResult.Refused(client.PreventUserExistenceErrors ? SignInErrors.IncorrectUsernameOrPassword : SignInErrors.UserDoesNotExist);

    /// <summary>The API's clients with a secret prove it with <c>SECRET_HASH</c>; the managed login's at the token endpoint.</summary>
    private static CognitoError? SecretHashRefusal(AppClient client, SignInChannel channel, string? secretHash, string username, string? alternativeUsername) =>
        channel == SignInChannel.Api ? client.SecretHashRefusal(secretHash, username, alternativeUsername) : null;

    private static PasswordVerifier Decoy(UserPool pool, string username)
    {
        var salt = HMACSHA256.HashData(pool.DecoyKey, Encoding.UTF8.GetBytes(username))[..PasswordVerifier.SaltBytes];
        salt[0] |= 0x01;
        return PasswordVerifier.Create(pool.SrpName, username, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), _ => salt);
    }

    /// <summary>Once a step has decided: an authenticated sign-in goes through the post-authentication place.</summary>
    private static async Task<SignInResult> FinishAsync(UserPool pool, SignInResult result, CancellationToken cancellationToken) =>
        result is SignInResult.Authenticated authenticated && await PostAuthenticationAsync(pool, authenticated, cancellationToken).ConfigureAwait(false) is { } refused
            ? new SignInResult.Refused(refused)
            : result;

    // The places of the Lambda triggers (next issue). Each runs outside the directory's lock; the step checks again after it.

    /// <summary>
    /// The UserMigration trigger (<c>UserMigration_Authentication</c>): a user unknown to the pool signs in with a password. A
    /// function that answers with attributes creates the user, with that password and its <c>finalUserStatus</c>; one that
    /// answers without them leaves the user unknown; one that fails refuses the sign-in. The function runs outside the lock;
    /// the user is created under it, unless someone created it meanwhile.
    /// </summary>
    private static async Task<(PoolUser? User, CognitoError? Refusal)> MigrateUserAsync(
        UserPool pool, AppClient client, string username, string password, CancellationToken cancellationToken)
    {
        UserPoolTriggers? triggers;
        lock (pool.Gate)
        {
            triggers = pool.Triggers(client.ClientId);
            if (triggers?.Has(UserMigrationTrigger.Name) != true)
            {
                return (null, null);
            }
        }

        UserMigrationAnswer? answer = null;
        if (await TriggerErrors.RefusalOfAsync(async () => answer = await triggers
                .UserMigrationAsync(UserMigrationTrigger.Authentication, username, password, validationData: null, clientMetadata: null, cancellationToken)
                .ConfigureAwait(false)).ConfigureAwait(false) is { } refusal)
        {
            return (null, refusal);
        }

        if (answer?.UserAttributes is not { } attributes)
        {
            return (null, null);
        }

        lock (pool.Gate)
        {
            if (pool.FindUser(username) is { } meanwhile)
            {
                return (meanwhile, null);
            }

            // Cognito sets these itself; an answer cannot choose them.
            var kept = attributes.Where(a => a.Key is not "sub" and not "username" && !a.Key.StartsWith("cognito:", StringComparison.Ordinal));
            var user = pool.CreateUser(username, kept, password, answer.FinalUserStatus == UserStatus.ResetRequired ? UserStatus.ResetRequired : UserStatus.Confirmed);
            pool.Directory.Touch();
            return (user, null);
        }
    }

    /// <summary>
    /// The PreAuthentication trigger: a known user is about to prove the first factor. A function that throws refuses the
    /// sign-in with Cognito's error (<c>UserLambdaValidationException</c>), before the password is checked.
    /// </summary>
    private static async Task<CognitoError?> PreAuthenticationAsync(UserPool pool, AppClient client, PoolUser user, CancellationToken cancellationToken)
    {
        UserPoolTriggers? triggers;
        IReadOnlyList<KeyValuePair<string, string>> attributes;
        lock (pool.Gate)
        {
            triggers = pool.Triggers(client.ClientId);
            if (triggers?.Has(PreAuthenticationTrigger.Name) != true)
            {
                return null;
            }

            attributes = user.SnapshotAttributes();
        }

        return await TriggerErrors.RefusalOfAsync(() => triggers.PreAuthenticationAsync(user.Username, attributes, validationData: null, userNotFound: null, cancellationToken))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The PostAuthentication trigger: the user is signed in, before tokens or a code are issued. A function that throws
    /// refuses the sign-in (Cognito issues no tokens then).
    /// </summary>
    private static async Task<CognitoError?> PostAuthenticationAsync(UserPool pool, SignInResult.Authenticated authenticated, CancellationToken cancellationToken)
    {
        UserPoolTriggers? triggers;
        IReadOnlyList<KeyValuePair<string, string>> attributes;
        lock (pool.Gate)
        {
            triggers = pool.Triggers(authenticated.Client.ClientId);
            if (triggers?.Has(PostAuthenticationTrigger.Name) != true)
            {
                return null;
            }

            attributes = authenticated.User.SnapshotAttributes();
        }

        return await TriggerErrors.RefusalOfAsync(() => triggers.PostAuthenticationAsync(authenticated.User.Username, attributes, newDeviceUsed: authenticated.NewDevice is not null, clientMetadata: null, cancellationToken))
            .ConfigureAwait(false);
    }
}
