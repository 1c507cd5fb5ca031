using System.Text.Json.Nodes;
using CognitoAuth.Client;
using CognitoAuth.Emulator;
using CognitoAuth.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.IntegrationTests;

/// <summary>
/// The client's choice-based sign-in (<c>AuthFlow = UserAuth</c>) against the emulator, each side written apart: the
/// reference pool is set up for it over the wire as a team would (sign-in policy <c>PASSWORD</c> and <c>EMAIL_OTP</c>, e-mail
/// through SES, <c>ALLOW_USER_AUTH</c> on the app client), then the app calls the protected API — with
/// <c>PreferredChallenge = EMAIL_OTP</c> its <see cref="ICognitoChallengeHandler"/> reads the code from the emulator's
/// inbox, as a person would read their mail; with <c>PASSWORD_SRP</c> and without a preference it proves the password.
/// </summary>
public sealed class ChoiceBasedSignInTests
{
    private const string Email = "chooser@example.com";
    private const string Password = "Chooser-Pass123!";
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task PreferredEmailOtp_TheHandlerAnswersWithTheInboxCode_ThenHello()
    {
        await using var emulator = await StartAsync();
        var handler = new InboxCodeHandler(emulator, Email);
        await using var client = await ClientHost.StartAsync(emulator, o => UserAuth(o, "EMAIL_OTP"), services: s => s.AddSingleton<ICognitoChallengeHandler>(handler));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        var asked = Assert.Single(handler.Asked);
        Assert.Equal("EMAIL_OTP", asked.ChallengeName);
        Assert.Equal("c***@e***", asked.Parameters["CODE_DELIVERY_DESTINATION"]);
        Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["RespondToAuthChallenge"]);
        Assert.Equal(InboxMessageKind.Authentication, emulator.Inbox.LatestTo(Email)!.Kind);
    }

    [Fact]
    public async Task PreferredPasswordSrp_PasswordVerifierOnly_ThenHello_NoCodeSent()
    {
        await using var emulator = await StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => UserAuth(o, "PASSWORD_SRP"));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(1, emulator.CognitoRequests["RespondToAuthChallenge"]); // PASSWORD_VERIFIER
        Assert.Null(emulator.Inbox.LatestTo(Email));
    }

    [Fact]
    public async Task NoPreference_SelectChallengeAnsweredWithTheFirstFactorTheClientCompletes_ThenHello()
    {
        await using var emulator = await StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => UserAuth(o, preferred: null));

        Assert.Equal("Hello from a protected API!", await client.Http.GetStringAsync(Hello));

        Assert.Equal(1, emulator.CognitoRequests["InitiateAuth"]);
        Assert.Equal(2, emulator.CognitoRequests["RespondToAuthChallenge"]); // SELECT_CHALLENGE (PASSWORD_SRP with SRP_A), PASSWORD_VERIFIER
        Assert.Null(emulator.Inbox.LatestTo(Email));
    }

    [Fact]
    public async Task PreferredEmailOtp_WithoutAHandler_FailsNamingTheHandler()
    {
        await using var emulator = await StartAsync();
        await using var client = await ClientHost.StartAsync(emulator, o => UserAuth(o, "EMAIL_OTP"));

        var error = await Assert.ThrowsAnyAsync<CognitoAuthenticationException>(() => client.Http.GetStringAsync(Hello));

        Assert.Contains("ICognitoChallengeHandler", error.Message, StringComparison.Ordinal);
        client.AssertNoSecretIn(error);
    }

    /// <summary>The emulator with its reference pool and app client set up for choice-based sign-in, and a user with a verified e-mail address.</summary>
    private static async Task<CognitoEmulator> StartAsync()
    {
        var emulator = await CognitoEmulator.StartAsync();
        await EmulatorAdmin.UpdateUserPoolAsync(emulator, pool =>
        {
            pool["Policies"]!.AsObject()["SignInPolicy"] = new JsonObject { ["AllowedFirstAuthFactors"] = new JsonArray("PASSWORD", "EMAIL_OTP") };
            pool["EmailConfiguration"] = new JsonObject
            {
                ["EmailSendingAccount"] = "DEVELOPER",
                ["SourceArn"] = "arn:aws:ses:ap-northeast-1:123456789012:identity/example.com",
            };
        });
        await EmulatorAdmin.UpdateUserPoolClientAsync(emulator, client => client["ExplicitAuthFlows"]!.AsArray().Add("ALLOW_USER_AUTH"));
        emulator.CreateUser(Email, Password, permanent: true, [new("email_verified", "true")]);
        return emulator;
    }

    private static void UserAuth(CognitoApiClientOptions options, string? preferred)
    {
        options.AuthFlow = CognitoAuthFlow.UserAuth;
        options.PreferredChallenge = preferred;
        options.Username = Email;
        options.Password = preferred == "EMAIL_OTP" ? null : Password;
        options.NewPassword = null;
    }

    /// <summary>An app's handler for e-mailed codes: it reads the newest message to the address, as a person reads their mail.</summary>
    private sealed class InboxCodeHandler(CognitoEmulator emulator, string address) : ICognitoChallengeHandler
    {
        public List<CognitoChallenge> Asked { get; } = [];

        public ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken)
        {
            if (challenge.ChallengeName != "EMAIL_OTP")
            {
                return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(null);
            }

            Asked.Add(challenge);
            var code = emulator.Inbox.LatestTo(address)?.Code ?? throw new InvalidOperationException($"no code was sent to {address}");
            return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { ["EMAIL_OTP_CODE"] = code });
        }
    }
}
