using System.Text.Json.Nodes;
using CognitoAuth.Reference;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator;

/// <summary>Settings of a <see cref="CognitoEmulator"/>. Every default serves the reference stack as deployed.</summary>
public sealed class CognitoEmulatorOptions
{
    /// <summary>The default access key id the emulator accepts SigV4 signatures from.</summary>
    public const string DefaultAccessKeyId = "AKIDLOCALCOGNITO";

    /// <summary>The default secret access key of <see cref="DefaultAccessKeyId"/>.</summary>
    public const string DefaultSecretAccessKey = "local-cognito-secret";

    /// <summary>Gets or sets the AWS region the pool and API pretend to be in.</summary>
    /// <value>The default value is <see cref="ReferenceStack.DefaultRegion"/> (<c>ap-northeast-1</c>).</value>
    public string Region { get; set; } = ReferenceStack.DefaultRegion;

    /// <summary>Gets or sets the user pool id, or <see langword="null"/> for a new random one (<c>{region}_XXXXXXXXX</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UserPoolId { get; set; }

    /// <summary>Gets or sets the reference app client's id, or <see langword="null"/> for a new random one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the loopback port of the Cognito endpoint; 0 picks a free port.</summary>
    /// <value>The default value is 0.</value>
    public int CognitoPort { get; set; }

    /// <summary>Gets or sets the loopback port of the HTTP API; 0 picks a free port.</summary>
    /// <value>The default value is 0.</value>
    public int ApiPort { get; set; }

    /// <summary>Gets or sets the access key id admin operations must be signed with.</summary>
    /// <value>The default value is <see cref="DefaultAccessKeyId"/>.</value>
    public string AccessKeyId { get; set; } = DefaultAccessKeyId;

    /// <summary>Gets or sets the secret access key admin operations must be signed with.</summary>
    /// <value>The default value is <see cref="DefaultSecretAccessKey"/>.</value>
    public string SecretAccessKey { get; set; } = DefaultSecretAccessKey;

    /// <summary>
    /// Gets or sets whether the walkthrough's user (<c>testuser@example.com</c> / <c>TempPass123!</c>, status
    /// FORCE_CHANGE_PASSWORD, email verified) exists from the start.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SeedTestUser { get; set; } = true;

    /// <summary>Gets or sets how long access tokens are valid (also the <c>ExpiresIn</c> of every sign-in). Tests may use seconds.</summary>
    /// <value>The default value is the reference client's, 60 minutes.</value>
    public TimeSpan AccessTokenLifetime { get; set; } = ReferenceStack.AppClient.AccessTokenValidity;

    /// <summary>Gets or sets how long ID tokens are valid.</summary>
    /// <value>The default value is the reference client's, 60 minutes.</value>
    public TimeSpan IdTokenLifetime { get; set; } = ReferenceStack.AppClient.IdTokenValidity;

    /// <summary>Gets or sets how long refresh tokens are valid.</summary>
    /// <value>The default value is the reference client's, 30 days.</value>
    public TimeSpan RefreshTokenLifetime { get; set; } = ReferenceStack.AppClient.RefreshTokenValidity;

    /// <summary>
    /// Gets or sets whether the user app client rotates refresh tokens: <c>GetTokensFromRefreshToken</c> then returns a new
    /// refresh token each time, the one it replaced works for <see cref="RefreshTokenRotationGracePeriod"/> more, and
    /// <c>REFRESH_TOKEN_AUTH</c> is refused (the client cannot allow <c>ALLOW_REFRESH_TOKEN_AUTH</c>, as in Cognito).
    /// <c>bin/local --refresh-token-rotation</c>. Applied at every start, a restart over a data directory included.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RefreshTokenRotation { get; set; }

    /// <summary>
    /// Gets or sets how long a rotated-out refresh token of the user app client still works (Cognito's
    /// <c>RetryGracePeriodSeconds</c>, 0–60 seconds, whole seconds), when <see cref="RefreshTokenRotation"/> is on.
    /// <c>bin/local --refresh-token-grace SECONDS</c>.
    /// </summary>
    /// <value>The default value is the reference stack's, <see cref="ReferenceStack.RefreshTokenRotationGracePeriod"/> (10 seconds).</value>
    public TimeSpan RefreshTokenRotationGracePeriod { get; set; } = ReferenceStack.RefreshTokenRotationGracePeriod;

    /// <summary>Gets or sets how long a challenge session (e.g. NEW_PASSWORD_REQUIRED) can be answered.</summary>
    /// <value>The default value is 3 minutes, as Cognito's.</value>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Gets or sets a PEM file holding the RSA private key tokens are signed with, or <see langword="null"/> to
    /// generate a key at start. A fixed key keeps tokens valid across restarts.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SigningKeyPath { get; set; }

    /// <summary>
    /// Gets or sets the clock of tokens, sessions, temporary passwords and the JWT authorizer. A
    /// <c>FakeTimeProvider</c> lets a test expire tokens without waiting.
    /// </summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the clock the SigV4 check compares <c>X-Amz-Date</c> with (±5 minutes). It is separate from
    /// <see cref="TimeProvider"/> because AWS SDKs and the AWS CLI stamp requests with the wall clock; set both to
    /// the same fake clock when the client under test signs with that clock.
    /// </summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider SignatureTimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets which issuer the tokens carry, and so the issuer the API's JWT authorizer expects.</summary>
    /// <value>The default value is <see cref="EmulatorIssuer.Local"/> (<c>{CognitoEndpoint}{poolId}</c>).</value>
    public EmulatorIssuer Issuer { get; set; } = EmulatorIssuer.Local;

    /// <summary>
    /// Gets or sets a directory where pools, app clients, users, groups, resource servers, domains, refresh tokens and
    /// signing keys persist across restarts (written atomically after every change), or <see langword="null"/> to keep
    /// state in memory. A corrupt or foreign state file fails the start; it is never silently replaced.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DataDirectory { get; set; }

    /// <summary>Gets app clients created besides the reference one, e.g. one with a secret.</summary>
    public IList<EmulatorClientOptions> AdditionalClients { get; } = [];

    /// <summary>
    /// Gets or sets a CloudFormation template (JSON or YAML, e.g. <c>cdk.out/CognitoAuthStack.template.json</c>) to deploy at
    /// start instead of the built-in reference stack (Contract 6; <c>bin/local --template FILE</c>). Nothing is seeded: create
    /// users as on AWS. A template error fails the start with a message naming the resource and the property.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the built-in reference stack.</value>
    public string? TemplatePath { get; set; }

    /// <summary>Gets the values of the template's parameters (<c>--parameter KEY=VALUE</c>); the others take their defaults.</summary>
    public IDictionary<string, string> TemplateParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the deployed template's stack name (<c>AWS::StackName</c>, the outputs file's key), or <see langword="null"/>
    /// for the template file's name less <c>.template.json</c>, <c>.json</c>, <c>.yaml</c> or <c>.yml</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StackName { get; set; }

    /// <summary>
    /// Gets Lambda functions registered in-process by name, for tests: a pool trigger whose ARN is
    /// <c>arn:aws:lambda:{region}:{account}:function:{NAME}[:qualifier]</c> runs the delegate registered as NAME. It gets
    /// the trigger event (Cognito's JSON) and returns the answer — the event with its <c>response</c> filled in — which is
    /// read exactly as a deployed function's would be; an exception it throws is the function's error
    /// (<c>UserLambdaValidationException</c>). These come before <see cref="LambdaHandlers"/> and <see cref="LambdaEndpoint"/>.
    /// </summary>
    public IDictionary<string, Func<JsonObject, CancellationToken, Task<JsonNode?>>> LambdaFunctions { get; } =
        new Dictionary<string, Func<JsonObject, CancellationToken, Task<JsonNode?>>>(StringComparer.Ordinal);

    /// <summary>
    /// Gets .NET Lambda handlers run in-process, each <c>NAME=PATH::Namespace.Type::Method</c> (<c>bin/local --lambda</c>,
    /// repeatable): the function NAME is the handler with Contract 3's raw signature (<see cref="Stream"/> →
    /// <see cref="Stream"/> or <see cref="Task{TResult}"/> of one) in the assembly file at PATH, loaded with the
    /// dependencies beside it. The reference trigger (<see cref="ReferenceStack.TokenTriggerName"/>) is there without one.
    /// </summary>
    public IList<string> LambdaHandlers { get; } = [];

    /// <summary>
    /// Gets or sets the AWS Lambda Invoke API that runs every function not registered in-process (<c>bin/local
    /// --lambda-endpoint URL</c>, e.g. <c>sam local start-lambda</c>'s <c>http://127.0.0.1:3001/</c> or LocalStack's):
    /// <c>POST {URL}2015-03-31/functions/{NAME}/invocations</c>, SigV4-signed with <see cref="AccessKeyId"/>, or
    /// <see langword="null"/> for none (a function found nowhere then fails the operation with
    /// <c>UnexpectedLambdaException</c>, as Cognito does when it cannot invoke one).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? LambdaEndpoint { get; set; }

    /// <summary>Gets or sets where the emulator logs (one line per request; never a credential or token).</summary>
    /// <value>The default value is <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        Ensure(!string.IsNullOrWhiteSpace(Region), nameof(Region), "is empty");
        Ensure(CognitoPort is >= 0 and <= 65535, nameof(CognitoPort), "is not a port number (0 picks a free port)");
        Ensure(ApiPort is >= 0 and <= 65535, nameof(ApiPort), "is not a port number (0 picks a free port)");
        Ensure(CognitoPort == 0 || CognitoPort != ApiPort, nameof(ApiPort), "equals CognitoPort");
        Ensure(UserPoolId is null || UserPoolId.StartsWith(Region + "_", StringComparison.Ordinal), nameof(UserPoolId), $"must start with the region and an underscore ('{Region}_')");
        Ensure(ClientId is null || (ClientId.Length > 0 && ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+')), nameof(ClientId), "must be letters, digits, '_' or '+'");
        Ensure(!string.IsNullOrEmpty(AccessKeyId), nameof(AccessKeyId), "is empty");
        Ensure(!string.IsNullOrEmpty(SecretAccessKey), nameof(SecretAccessKey), "is empty");
        Ensure(AccessTokenLifetime >= TimeSpan.FromSeconds(1), nameof(AccessTokenLifetime), "must be at least one second");
        Ensure(IdTokenLifetime >= TimeSpan.FromSeconds(1), nameof(IdTokenLifetime), "must be at least one second");
        Ensure(RefreshTokenLifetime >= TimeSpan.FromSeconds(1), nameof(RefreshTokenLifetime), "must be at least one second");
        Ensure(SessionLifetime > TimeSpan.Zero, nameof(SessionLifetime), "must be positive");
        EnsureGracePeriod(RefreshTokenRotationGracePeriod, nameof(RefreshTokenRotationGracePeriod));
        Ensure(Enum.IsDefined(Issuer), nameof(Issuer), "is not Local or Aws");
        Ensure(DataDirectory is null || DataDirectory.Trim().Length > 0, nameof(DataDirectory), "is empty");
        Ensure(LambdaEndpoint is null || (LambdaEndpoint.IsAbsoluteUri && LambdaEndpoint.Scheme is "http" or "https" && LambdaEndpoint.AbsolutePath.EndsWith('/')),
            nameof(LambdaEndpoint), "must be an absolute http(s) URL ending with '/'");
        Ensure(LambdaHandlers.All(h => h.Contains('=', StringComparison.Ordinal) && h.Contains("::", StringComparison.Ordinal)),
            nameof(LambdaHandlers), "must each be NAME=PATH::Namespace.Type::Method");
        Ensure(TemplatePath is null || TemplatePath.Trim().Length > 0, nameof(TemplatePath), "is empty");
        if (TemplatePath is not null)
        {
            // These shape the built-in reference stack; a template says all of that itself.
            Ensure(UserPoolId is null, nameof(UserPoolId), "cannot be set with a template (the template's pools get their own ids)");
            Ensure(ClientId is null, nameof(ClientId), "cannot be set with a template (the template's clients get their own ids)");
            Ensure(AdditionalClients.Count == 0, nameof(AdditionalClients), "cannot be set with a template (declare the clients in it)");
            Ensure(!RefreshTokenRotation, nameof(RefreshTokenRotation), "cannot be set with a template (set the client's RefreshTokenRotation in it)");
            Ensure(SigningKeyPath is null, nameof(SigningKeyPath), "cannot be set with a template (each of its pools gets its own key; a data directory keeps them)");
        }
        else
        {
            Ensure(TemplateParameters.Count == 0, nameof(TemplateParameters), "are only for a template (TemplatePath)");
            Ensure(StackName is null, nameof(StackName), "is only for a template (TemplatePath)");
        }

        foreach (var client in AdditionalClients)
        {
            Ensure(!string.IsNullOrWhiteSpace(client.Name), nameof(AdditionalClients), "has a client without a name");
            EnsureGracePeriod(client.RefreshTokenRotationGracePeriod, nameof(AdditionalClients));
        }
    }

    private static void EnsureGracePeriod(TimeSpan gracePeriod, string key) => Ensure(
        gracePeriod >= TimeSpan.Zero && gracePeriod <= Pool.RefreshTokenRotation.MaximumGracePeriod && gracePeriod.Ticks % TimeSpan.TicksPerSecond == 0,
        key,
        "must be whole seconds from 0 to 60 (a refresh-token rotation grace period)");

    private static void Ensure(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(CognitoEmulatorOptions)}.{key} {problem}.", key);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"CognitoEmulatorOptions {{ Region = {Region}, CognitoPort = {CognitoPort}, ApiPort = {ApiPort}, Issuer = {Issuer}, DataDirectory = {DataDirectory ?? "(memory)"}, AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}
