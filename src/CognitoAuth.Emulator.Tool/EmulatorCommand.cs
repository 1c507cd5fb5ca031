using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Tool;

/// <summary>
/// The command line of <c>bin/local</c> and the <c>cognito-auth-emulator</c> tool: starts the emulator in the
/// foreground, writes the outputs file, prints the outputs and local credentials, and stops cleanly (exit 0) on
/// Ctrl-C or SIGTERM. Request logs go to stderr, so stdout carries only what a user may paste.
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The documented default port of the Cognito endpoint.</summary>
    public const int DefaultCognitoPort = 9329;

    /// <summary>The documented default port of the HTTP API.</summary>
    public const int DefaultApiPort = 9330;

    /// <summary>The default outputs file, relative to the working directory.</summary>
    public const string DefaultOutputsPath = "artifacts/local/outputs.json";

    public static RootCommand Create()
    {
        var cognitoPort = new Option<int>("--cognito-port") { Description = "Loopback port of the Cognito endpoint (0 picks a free port).", DefaultValueFactory = _ => DefaultCognitoPort };
        var apiPort = new Option<int>("--api-port") { Description = "Loopback port of the HTTP API (0 picks a free port).", DefaultValueFactory = _ => DefaultApiPort };
        var outputs = new Option<string>("--outputs") { Description = "Where to write the stack outputs (cdk --outputs-file shape).", DefaultValueFactory = _ => DefaultOutputsPath };
        var region = new Option<string>("--region") { Description = "The region the stack pretends to be in.", DefaultValueFactory = _ => CognitoAuth.Reference.ReferenceStack.DefaultRegion };
        var userPoolId = new Option<string?>("--user-pool-id") { Description = "A fixed user pool id ({region}_XXXXXXXXX); random when omitted." };
        var clientId = new Option<string?>("--client-id") { Description = "A fixed app client id; random when omitted." };
        var accessKeyId = new Option<string>("--access-key-id") { Description = "The access key id admin calls must be signed with.", DefaultValueFactory = _ => CognitoEmulatorOptions.DefaultAccessKeyId };
        var secretAccessKey = new Option<string>("--secret-access-key") { Description = "The secret access key admin calls must be signed with.", DefaultValueFactory = _ => CognitoEmulatorOptions.DefaultSecretAccessKey };
        var signingKey = new Option<string?>("--signing-key") { Description = "PEM file of the RSA key tokens are signed with; generated when omitted." };
        var tokenLifetime = new Option<int?>("--token-lifetime") { Description = "Access and ID token lifetime in seconds (default 3600)." };
        var noSeed = new Option<bool>("--no-seed") { Description = "Do not create the walkthrough's user testuser@example.com." };
        var issuer = new Option<EmulatorIssuer>("--issuer")
        {
            Description = "The tokens' issuer: local ({CognitoEndpoint}{poolId}) or aws (https://cognito-idp.{region}.amazonaws.com/{poolId}; the JWKS stays local).",
            DefaultValueFactory = _ => EmulatorIssuer.Local,
            CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
            {
                "local" => EmulatorIssuer.Local,
                "aws" => EmulatorIssuer.Aws,
                var other => Invalid(result, $"--issuer must be 'aws' or 'local', not '{other}'.", EmulatorIssuer.Local),
            },
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Keep pools, clients, users, groups, refresh tokens and signing keys in DIR across restarts (default: in memory)." };
        var rotation = new Option<bool>("--refresh-token-rotation")
        {
            Description = "The user app client rotates refresh tokens: GetTokensFromRefreshToken returns a new one each time, REFRESH_TOKEN_AUTH is refused.",
        };
        var grace = new Option<int>("--refresh-token-grace")
        {
            Description = "With --refresh-token-rotation: SECONDS (0-60) a rotated-out refresh token still works.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => (int)CognitoAuth.Reference.ReferenceStack.RefreshTokenRotationGracePeriod.TotalSeconds,
            CustomParser = result => int.TryParse(result.Tokens.Single().Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 60
                ? seconds
                : Invalid(result, $"--refresh-token-grace must be a whole number of seconds from 0 to 60, not '{result.Tokens.Single().Value}'.", 0),
        };

        // Contract 6: deploy a CloudFormation template instead of the built-in reference stack (TemplateOptions).
        var (template, parameters, stackName) = TemplateOptions.Create();

        var lambda = new Option<string[]>("--lambda")
        {
            Description = "Run the function NAME (of a LambdaConfig ARN ...:function:NAME) in-process: the .NET handler Namespace.Type::Method (Stream in, Stream out) in the assembly at PATH. Repeatable.",
            HelpName = "NAME=PATH::Namespace.Type::Method",
            AllowMultipleArgumentsPerToken = false,
        };
        var lambdaEndpoint = new Option<Uri?>("--lambda-endpoint")
        {
            Description = "Run every other function through AWS Lambda's Invoke API at URL (e.g. sam local start-lambda's http://127.0.0.1:3001/).",
            HelpName = "URL",
            CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/")
                : Invalid<Uri?>(result, $"--lambda-endpoint must be an http(s) URL, not '{result.Tokens.Single().Value}'.", null),
        };

        var command = new RootCommand("CognitoAuth local stack: a Cognito-compatible endpoint and the protected HTTP API, offline.")
        {
            cognitoPort, apiPort, outputs, region, userPoolId, clientId, accessKeyId, secretAccessKey, signingKey, tokenLifetime, noSeed, issuer, dataDir,
            rotation, grace, template, parameters, stackName, lambda, lambdaEndpoint,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None) // its start failure is reported below, in one line
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss ";
                })
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

            var options = new CognitoEmulatorOptions
            {
                CognitoPort = result.GetValue(cognitoPort),
                ApiPort = result.GetValue(apiPort),
                Region = result.GetValue(region)!,
                UserPoolId = result.GetValue(userPoolId),
                ClientId = result.GetValue(clientId),
                AccessKeyId = result.GetValue(accessKeyId)!,
                SecretAccessKey = result.GetValue(secretAccessKey)!,
                SigningKeyPath = result.GetValue(signingKey),
                SeedTestUser = !result.GetValue(noSeed),
                Issuer = result.GetValue(issuer),
                DataDirectory = result.GetValue(dataDir),
                RefreshTokenRotation = result.GetValue(rotation),
                RefreshTokenRotationGracePeriod = TimeSpan.FromSeconds(result.GetValue(grace)),
                LambdaEndpoint = result.GetValue(lambdaEndpoint),
                LoggerFactory = loggerFactory,
            };
            TemplateOptions.Apply(result, options, template, parameters, stackName);
            foreach (var handler in result.GetValue(lambda) ?? [])
            {
                options.LambdaHandlers.Add(handler);
            }

            if (result.GetValue(tokenLifetime) is { } seconds)
            {
                options.AccessTokenLifetime = options.IdTokenLifetime = TimeSpan.FromSeconds(seconds);
            }

            var outputsPath = result.GetValue(outputs)!;
            CognitoEmulator emulator;
            try
            {
                emulator = await CognitoEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
            {
                // A port in use, a bad option or an unreadable key file: say so in one line, without a stack trace.
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            await using var running = emulator;
            await emulator.Outputs.WriteAsync(outputsPath, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(options.TemplatePath is null ? Banner(emulator, outputsPath) : TemplateOptions.Banner(emulator, outputsPath)).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);

            await WaitForStopSignalAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static T Invalid<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T placeholder)
    {
        result.AddError(message);
        return placeholder;
    }

    /// <summary>Waits for Ctrl-C (SIGINT) or SIGTERM; either is a requested stop, not a failure.</summary>
    private static async Task WaitForStopSignalAsync(CancellationToken cancellationToken)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
        await stop.Task.ConfigureAwait(false);
    }

    private static string Rotation(CognitoEmulator emulator) => emulator.RefreshTokenRotationGracePeriod is { } grace
        ? string.Create(CultureInfo.InvariantCulture, $"\nThe user app client rotates refresh tokens (GetTokensFromRefreshToken; grace period {grace.TotalSeconds:0} s); REFRESH_TOKEN_AUTH is refused.")
        : string.Empty;

    private static string Banner(CognitoEmulator emulator, string outputsPath) => string.Create(CultureInfo.InvariantCulture, $"""
        CognitoAuth local stack is running. Stop it with Ctrl-C.

        Outputs (also in {outputsPath}):
        {emulator.Outputs.ToJson()}

        Local AWS credentials (admin operations must be signed with them):
        export AWS_ACCESS_KEY_ID={emulator.Credentials.AccessKeyId}
        export AWS_SECRET_ACCESS_KEY={emulator.Credentials.SecretAccessKey}
        export AWS_DEFAULT_REGION={emulator.Region}

        Use --endpoint-url {emulator.CognitoEndpoint} with the AWS CLI, and {emulator.ApiUrl}hello as the API.{Rotation(emulator)}
        Machine tokens: curl -u <MachineClientId>:<MachineClientSecret> -d grant_type=client_credentials {emulator.TokenEndpoint}
        Managed login (code flow, PKCE; callback http://localhost:8400/callback): {emulator.AuthorizationEndpoint}
        The emulator's page (pools, users, requests, tokens, inbox): {emulator.LocalPageUrl}
        What Cognito would e-mail or text: {emulator.CognitoEndpoint}_local/inbox

        """);
}
