using System.CommandLine;
using CognitoAuth.Client;
using CognitoAuth.Sample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// The sample calls the reference API the way an application would: AddCognitoApiClient<T> and a typed client.
// Configuration: appsettings.json < --outputs FILE (a stack outputs file) < CognitoAuth__* environment variables.

var outputsOption = new Option<FileInfo?>("--outputs")
{
    Description = "A stack outputs file (bin/local or cdk deploy --outputs-file) giving Region, UserPoolId, client id, ApiUrl and the Cognito endpoint.",
    Recursive = true,
};
var quietOption = new Option<bool>("--quiet", "-q") { Description = "Print only the answer, not the sign-in steps.", Recursive = true };
var flowOption = new Option<CognitoAuthFlow?>("--flow")
{
    Description = "How the user signs in: AdminUserPassword (default), UserPassword, UserSrp (the password never leaves the process), " +
        "CustomAuth (the pool's custom challenges, answered here on the console), UserAuth (choice-based: a password, or a code e-mailed " +
        "or texted, typed here) or AuthorizationCode (in the browser). Overrides CognitoAuth:AuthFlow; after `login`, commands use the browser's " +
        "sign-in without it until `logout`.",
    Recursive = true,
};
var tokenCacheOption = new Option<FileInfo?>("--token-cache")
{
    Description = "The file that keeps the tokens between runs (default with AuthorizationCode: the package's, ~/.local/share/CognitoAuth/tokens.json on Linux). " +
        "The password flows keep them in memory unless this is given.",
    Recursive = true,
};
var rememberDeviceOption = new Option<bool>("--remember-device")
{
    Description = "Confirm and remember this device when the pool tracks devices (CognitoAuth:RememberDevice), keeping it with the tokens: " +
        "with --token-cache, later runs prove the device and, where the pool allows it, skip the MFA code.",
    Recursive = true,
};
var scopedOption = new Option<bool>("--scoped") { Description = "Call GET /scoped/hello instead, whose route scope a user's token lacks (API Gateway answers 403)." };
var refreshOption = new Option<bool>("--refresh") { Description = "Afterwards, renew the access token with the refresh token and call again." };
var showOption = new Option<bool>("--show") { Description = "Also print the tokens themselves (they are secrets)." };
var renewOption = new Option<bool>("--renew") { Description = "Renew the tokens first (REFRESH_TOKEN_AUTH)." };
var usernameOption = new Option<string?>("--username") { Description = "The new user's e-mail address (default: CognitoAuth:Username)." };
var temporaryPasswordOption = new Option<string?>("--temporary-password") { Description = "The new user's temporary password (default: CognitoAuth:Password)." };

var hello = new Command("hello", "Sign in (answering NEW_PASSWORD_REQUIRED) and call GET /hello. The default command.") { refreshOption, scopedOption };
var machine = new Command("machine", "Get a machine token (client credentials, scope cognito-auth-api/hello.read) and call GET /scoped/hello.");
var deviceNameOption = new Option<string>("--device-name") { Description = "The authenticator's name in the user's MFA settings.", DefaultValueFactory = _ => "cognito-sample" };
var enrolTotp = new Command("enrol-totp", "Enrol an authenticator app (TOTP) for the user and print its secret, once: keep it as CognitoAuth__TotpSecret.") { deviceNameOption };
var me = new Command("me", "Call GET /me: who the API thinks you are.");
var token = new Command("token", "Sign in and describe the tokens: expiry and claims (the tokens themselves only with --show).") { showOption, renewOption };
var createUser = new Command("create-user", "Create the user with a temporary password (AdminCreateUser), as the walkthrough's first step.") { usernameOption, temporaryPasswordOption };
var login = new Command("login", "Sign in in the browser (managed login: authorization code with PKCE, the code received on http://localhost:8400/callback) and keep the tokens in the token cache; then any command with --flow AuthorizationCode works without a password.");
var logout = new Command("logout", "Sign out: revoke the refresh token, end the managed-login session in the browser (/logout) and drop the cached tokens.");
var root = new RootCommand("Calls the CognitoAuth reference API through CognitoAuth.Client.")
{
    outputsOption, quietOption, flowOption, tokenCacheOption, rememberDeviceOption, hello, machine, me, token, createUser, enrolTotp, login, logout,
};

hello.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    var api = services.GetRequiredService<ProtectedApiClient>();
    Console.WriteLine(parse.GetValue(scopedOption) ? await api.GetScopedHelloAsync(ct) : await api.GetHelloAsync(ct));
    if (parse.GetValue(refreshOption))
    {
        var provider = services.GetRequiredService<ICognitoTokenProvider>();
        var renewed = await provider.GetTokensAsync(nameof(ProtectedApiClient), forceRenewal: true, ct);
        Console.Error.WriteLine($"  › access token renewed with the refresh token; it now expires at {renewed.ExpiresAt:u}");
        Console.WriteLine(await api.GetHelloAsync(ct));
    }
}));
root.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
    Console.WriteLine(await services.GetRequiredService<ProtectedApiClient>().GetHelloAsync(ct))));
machine.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
    Console.WriteLine(await services.GetRequiredService<MachineApiClient>().GetScopedHelloAsync(ct)), withMachine: true));
enrolTotp.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    var enrolled = await services.GetRequiredService<ICognitoTotpEnrolment>().EnrolAsync(nameof(ProtectedApiClient), parse.GetValue(deviceNameOption), ct);
    Console.Error.WriteLine("  › enrolled; Cognito now asks this user for a TOTP code at each sign-in. Keep the secret: it is shown once.");
    Console.WriteLine($"TotpSecret: {enrolled.Secret}");
    Console.WriteLine($"otpauth URI: {enrolled.OtpAuthUri}");
}));
login.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    var tokens = await services.GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(nameof(ProtectedApiClient), cancellationToken: ct);
    RememberedSignIn.Write(parse.GetValue(tokenCacheOption), nameof(CognitoAuthFlow.AuthorizationCode));
    Console.WriteLine($"Signed in as {tokens.Username ?? "(a user without a user name claim)"}; the tokens are cached and renewed until `logout`.");
}, browser: true));
logout.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    await services.GetRequiredService<ICognitoTokenProvider>().SignOutAsync(nameof(ProtectedApiClient), ct);
    RememberedSignIn.Forget(parse.GetValue(tokenCacheOption));
    Console.WriteLine("Signed out.");
}, browser: true));
me.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
    Console.WriteLine(await services.GetRequiredService<ProtectedApiClient>().GetMeAsync(ct))));
token.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    var provider = services.GetRequiredService<ICognitoTokenProvider>();
    var tokens = await provider.GetTokensAsync(nameof(ProtectedApiClient), parse.GetValue(renewOption), ct);
    Console.WriteLine(TokenDescription.Describe(tokens, services.GetRequiredService<TimeProvider>(), parse.GetValue(showOption)));
}));
createUser.SetAction((parse, ct) => RunAsync(parse, ct, async (services, ct) =>
{
    var options = services.GetRequiredService<IOptionsMonitor<CognitoApiClientOptions>>().Get(nameof(ProtectedApiClient));
    var username = parse.GetValue(usernameOption) ?? options.Username!;
    var temporaryPassword = parse.GetValue(temporaryPasswordOption) ?? options.Password!;
    var attributes = username.Contains('@', StringComparison.Ordinal)
        ? new Dictionary<string, string> { ["email"] = username, ["email_verified"] = "true" }
        : null;
    await services.GetRequiredService<ICognitoUserCreator>().CreateUserAsync(nameof(ProtectedApiClient), username, temporaryPassword, attributes, ct);
    Console.WriteLine($"Created {username} with a temporary password (status FORCE_CHANGE_PASSWORD).");
}));

return await root.Parse(args).InvokeAsync();

async Task<int> RunAsync(
    ParseResult parse, CancellationToken cancellationToken, Func<IServiceProvider, CancellationToken, Task> action, bool withMachine = false, bool browser = false)
{
    try
    {
        // --flow, else how `login` signed in (remembered beside the token cache), else the configuration's.
        var flow = browser ? CognitoAuthFlow.AuthorizationCode
            : parse.GetValue(flowOption)
              ?? (Enum.TryParse<CognitoAuthFlow>(RememberedSignIn.Read(parse.GetValue(tokenCacheOption)), out var remembered) ? remembered : null);
        using var host = BuildHost(parse.GetValue(outputsOption), parse.GetValue(quietOption), flow, parse.GetValue(tokenCacheOption), withMachine, parse.GetValue(rememberDeviceOption));
        await host.StartAsync(cancellationToken); // validates the options (ValidateOnStart)
        await action(host.Services, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return 0;
    }
    catch (Exception exception) when (Describe(exception) is { } message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}

static IHost BuildHost(FileInfo? outputs, bool quiet, CognitoAuthFlow? flow, FileInfo? tokenCache, bool withMachine, bool rememberDevice)
{
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
    if (outputs is not null)
    {
        builder.Configuration.AddInMemoryCollection(StackOutputsFile.Read(outputs.FullName));
    }

    builder.Configuration.AddEnvironmentVariables();
    if (flow is { } chosen)
    {
        builder.Configuration[$"{CognitoApiClientOptions.SectionName}:AuthFlow"] = chosen.ToString();
    }

    if (rememberDevice)
    {
        builder.Configuration[$"{CognitoApiClientOptions.SectionName}:RememberDevice"] = "true";
    }

    builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
    if (!quiet)
    {
        builder.Logging.AddProvider(new ProgressLoggerProvider(Console.Error));
    }

    var section = builder.Configuration.GetSection(CognitoApiClientOptions.SectionName);
    if (withMachine)
    {
        // The machine client: the user's pool, region, endpoint and API, with the machine app client and no user.
        builder.Services.AddCognitoApiClient<MachineApiClient>(options =>
        {
            options.AuthFlow = CognitoAuthFlow.ClientCredentials;
            options.Region = section["Region"];
            options.UserPoolId = section["UserPoolId"];
            options.ServiceUrl = section["ServiceUrl"] is { Length: > 0 } serviceUrl ? new Uri(serviceUrl) : null;
            options.ApiBaseAddress = section["ApiBaseAddress"] is { Length: > 0 } api ? new Uri(api) : null;
            options.ClientId = section["Machine:ClientId"];
            options.ClientSecret = section["Machine:ClientSecret"];
            options.TokenEndpoint = section["Machine:TokenEndpoint"] is { Length: > 0 } tokenEndpoint ? new Uri(tokenEndpoint) : null;
            options.Scopes = section["Machine:Scopes"] ?? "cognito-auth-api/hello.read";
        });
    }
    else
    {
        builder.Services.AddCognitoApiClient<ProtectedApiClient>(section);
    }

    var configured = Enum.TryParse<CognitoAuthFlow>(section["AuthFlow"], ignoreCase: true, out var parsed) ? parsed : CognitoAuthFlow.AdminUserPassword;
    var browser = configured == CognitoAuthFlow.AuthorizationCode;
    if (!withMachine && configured == CognitoAuthFlow.CustomAuth && !(bool.TryParse(section["CustomAuthWithSrp"], out var withSrp) && withSrp))
    {
        // The pool's challenges prove who it is; appsettings.json's passwords serve the password flows.
        builder.Services.PostConfigure<CognitoApiClientOptions>(nameof(ProtectedApiClient), options =>
        {
            options.Password = null;
            options.NewPassword = null;
        });
    }

    if (!withMachine)
    {
        // A custom challenge, or a code sent by e-mail or SMS: a person answers here.
        builder.Services.AddSingleton<ICognitoChallengeHandler>(new ConsoleChallengeHandler(Console.In, Console.Error));
    }

    if (browser && !withMachine)
    {
        // appsettings.json's user and passwords serve the password flows; in the browser the person signs in as they choose.
        builder.Services.PostConfigure<CognitoApiClientOptions>(nameof(ProtectedApiClient), options =>
        {
            options.Username = null;
            options.Password = null;
            options.NewPassword = null;
            options.TotpSecret = null;
        });
    }

    // A person who signed in in the browser should not have to again at the next run: the file cache, by default for that flow.
    if (tokenCache is not null || browser)
    {
        builder.Services.AddCognitoTokenFileCache(tokenCache?.FullName);
    }

    return builder.Build();
}

static string? Describe(Exception exception) => exception switch
{
    SampleException e => e.Message,
    OptionsValidationException e => $"invalid configuration: {string.Join(" ", e.Failures)}",
    CognitoException e => $"Cognito refused ({e.ErrorCode}): {e.Message}",
    CognitoAuthenticationException e => e.Message,
    HttpRequestException e => e.Message,
    InvalidOperationException e => e.Message,
    OperationCanceledException => "canceled.",
    _ => null,
};
