using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Emulator.Tests.Signing;

/// <summary>SigV4 on admin operations, signed by AWSSDK.Core's own signer and then varied one element at a time.</summary>
public sealed class SigV4Tests
{
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    [Fact]
    public async Task AdminGetUser_SignedWithTheLocalCredentials_Succeeds()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator));

        response.AssertOk();
    }

    [Fact]
    public async Task AdminGetUser_WrongSecret_InvalidSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { SecretAccessKey = "not-the-secret" });

        response.AssertError("InvalidSignatureException", Mismatch);
    }

    [Fact]
    public async Task AdminGetUser_ScopedToAnotherRegion_InvalidSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { Region = "us-east-1" });

        response.AssertError("InvalidSignatureException", "Credential should be scoped to a valid region. ");
    }

    [Fact]
    public async Task AdminGetUser_ScopedToAnotherService_InvalidSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { Service = "cognito-identity" });

        response.AssertError("InvalidSignatureException", "Credential should be scoped to correct service: 'cognito-idp'. ");
    }

    [Fact]
    public async Task AdminGetUser_BodyChangedAfterSigning_InvalidSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var signed = Body(emulator, "testuser@example.com");
        var sent = Body(emulator, "someone@example.com");
        var request = client.Request("AdminGetUser", sent);

        SdkSigner.Sign(request, signed, SigningParameters.For(emulator));
        var response = await client.SendAsync(request);

        response.AssertError("InvalidSignatureException", Mismatch);
    }

    [Fact]
    public async Task AdminGetUser_TargetChangedAfterSigning_InvalidSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var body = Body(emulator, "testuser@example.com");
        var request = client.Request("AdminGetUser", body);
        SdkSigner.Sign(request, body, SigningParameters.For(emulator));
        request.Headers.Remove("X-Amz-Target");
        request.Headers.Add("X-Amz-Target", CognitoTestClient.Target + "AdminDeleteUser");

        var response = await client.SendAsync(request);

        response.AssertError("InvalidSignatureException", Mismatch);
        (await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "testuser@example.com" })).AssertOk();
    }

    [Fact]
    public async Task AdminGetUser_DateFifteenMinutesOld_SignatureExpired()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { SignedAt = DateTime.UtcNow.AddMinutes(-15) });

        response.AssertError("InvalidSignatureException");
        Assert.Matches(@"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$", response.Message);
    }

    [Fact]
    public async Task AdminGetUser_DateFifteenMinutesAhead_SignatureNotYetCurrent()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { SignedAt = DateTime.UtcNow.AddMinutes(15) });

        response.AssertError("InvalidSignatureException");
        Assert.StartsWith("Signature not yet current: ", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminGetUser_SignatureClockIsConfigurable_SoAFakeClockCanSign()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(3));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { SignatureTimeProvider = clock });
        using var client = new CognitoTestClient(emulator);

        var wallClock = await SendSignedAsync(client, SigningParameters.For(emulator));
        var fakeClock = await SendSignedAsync(client, SigningParameters.For(emulator) with { SignedAt = clock.GetUtcNow().UtcDateTime });

        wallClock.AssertError("InvalidSignatureException");
        fakeClock.AssertOk();
    }

    [Fact]
    public async Task AdminGetUser_UnknownAccessKey_UnrecognizedClient()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await SendSignedAsync(client, SigningParameters.For(emulator) with { AccessKeyId = "AKIDSOMEONEELSE" });

        response.AssertError("UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task AdminGetUser_Unsigned_MissingAuthenticationToken()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.SendAsync(client.Request("AdminGetUser", Body(emulator, "testuser@example.com")));

        response.AssertError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task AdminGetUser_BearerTokenInsteadOfSigV4_IncompleteSignatureWithoutEchoingIt()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var request = client.Request("AdminGetUser", Body(emulator, "testuser@example.com"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJsecret.token.value");

        var response = await client.SendAsync(request);

        response.AssertError("IncompleteSignatureException");
        Assert.Contains("Authorization header requires 'Credential' parameter.", response.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", response.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJsecret", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminGetUser_SignedHeaderWithRunsOfSpaces_CanonicalizedAsTheSdkDoes()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var body = Body(emulator, "testuser@example.com");
        var request = client.Request("AdminGetUser", body);
        request.Headers.TryAddWithoutValidation("X-Amz-Meta-Note", "  two   words  ");

        SdkSigner.Sign(request, body, SigningParameters.For(emulator));
        var response = await client.SendAsync(request);

        Assert.Contains("x-amz-meta-note", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        response.AssertOk();
    }

    [Fact]
    public async Task InitiateAuth_Unsigned_NeedsNoSignature()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", new
        {
            ClientId = emulator.ClientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" },
        });

        response.AssertOk();
    }

    [Fact]
    public async Task Emulator_ConfiguredCredentials_AreTheOnesAccepted()
    {
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { AccessKeyId = "AKIDCUSTOM", SecretAccessKey = "custom-secret" });
        using var client = new CognitoTestClient(emulator);

        var custom = await SendSignedAsync(client, SigningParameters.For(emulator));
        var defaults = await SendSignedAsync(client, SigningParameters.For(emulator) with { AccessKeyId = "AKIDLOCALCOGNITO", SecretAccessKey = "local-cognito-secret" });

        Assert.Equal("AKIDCUSTOM", emulator.Credentials.AccessKeyId);
        custom.AssertOk();
        defaults.AssertError("UnrecognizedClientException");
    }

    private static byte[] Body(CognitoEmulator emulator, string username) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { UserPoolId = emulator.UserPoolId, Username = username }));

    private static Task<CognitoResponse> SendSignedAsync(CognitoTestClient client, SigningParameters parameters)
    {
        var body = Body(client.Emulator, "testuser@example.com");
        var request = client.Request("AdminGetUser", body);
        SdkSigner.Sign(request, body, parameters);
        return client.SendAsync(request);
    }
}
