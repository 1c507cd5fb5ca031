using System.Net;
using System.Text;
using System.Text.Json;
using CognitoAuth.Emulator.Tests.Infrastructure;
using CognitoAuth.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>
/// Input no AWS SDK would send — bodies that are not JSON, not UTF-8, nested ten thousand deep, streamed past the size limit,
/// and a few hundred seeded mutations of valid requests to every operation — gets an AWS-style error body, never a 500,
/// never a stack trace, and leaves the emulator serving.
/// </summary>
public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Mutations = 400;

    private static readonly byte[] JsonSignificant = "{}[]\",:\\0-e"u8.ToArray();

    public static TheoryData<string> Operations => ProtocolTests.Operations;

    public static TheoryData<string> Garbage =>
    [
        "null", "\"a string\"", "42", "true", "{", "}", "{\"ClientId\":}", "{\"ClientId\":\"a\",\"ClientId\":\"b\"}",
        "{\"AuthParameters\":{\"PASSWORD\":12}}", "{\"UserAttributes\":{\"Name\":\"email\"}}", "\u0000\u0001\u0002",
        new string('[', 10_000) + new string(']', 10_000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_001),
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task EveryOperation_GarbageBody_AwsErrorNever500(string body)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        foreach (var operation in ProtocolTests.Operations)
        {
            var response = await client.CallAsync(operation, body);

            Assert.True((int)response.StatusCode < 500, $"{operation} answered {(int)response.StatusCode}: {response.Text}");
            Assert.Contains(response.ErrorType, new[] { "SerializationException", "InvalidParameterException", "NotAuthorizedException", "ResourceNotFoundException", "UserNotFoundException" });
            CognitoResponse.AssertNoStackTrace(response.Text);
        }
    }

    [Fact]
    public async Task Request_InvalidUtf8_SerializationException()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        byte[] body = [.. "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

        var response = await client.SendAsync(client.Request("InitiateAuth", body));

        response.AssertError("SerializationException");
    }

    [Fact]
    public async Task Request_StreamedPastOneMebibyteWithoutContentLength_RequestEntityTooLarge()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var request = client.Request("InitiateAuth", []);
        request.Content = new ChunkedContent(Encoding.UTF8.GetBytes("{\"ClientId\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");

        Assert.Null(request.Content.Headers.ContentLength);

        var response = await client.SendAsync(request);

        response.AssertError("RequestEntityTooLargeException", status: HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Request_WithoutContentType_UnknownOperationException()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var request = client.Request("InitiateAuth", "{}"u8.ToArray());
        request.Content!.Headers.ContentType = null;

        var response = await client.SendAsync(request);

        response.AssertError("UnknownOperationException");
    }

    [Fact]
    public async Task Request_HugeTarget_NamedTruncatedInTheError()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.SendAsync(client.Request(new string('X', 8_000), "{}"u8.ToArray()));

        response.AssertError("UnknownOperationException");
        Assert.True(response.Message!.Length < 300, "the error echoes the whole header");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Request_OtherMethod_AwsStyleError(string method)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var request = client.Request("InitiateAuth", "{}"u8.ToArray());
        request.Method = new HttpMethod(method);

        var response = await client.SendAsync(request);

        response.AssertError("UnknownOperationException", status: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryOperation_SeededMutationsOfValidRequests_NeverA500AndStillServing()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        await using var emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { LoggerFactory = loggerFactory });
        using var client = new CognitoTestClient(emulator);
        var valid = ValidRequests(emulator);
        var random = new Random(20260115); // seeded: a failure reproduces
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < Mutations; i++)
        {
            var (operation, json) = valid[i % valid.Count];
            var body = Mutate(Encoding.UTF8.GetBytes(json), random);
            var request = client.Request(operation, body);
            if (operation.StartsWith("Admin", StringComparison.Ordinal))
            {
                SdkSigner.Sign(request, body, SigningParameters.For(emulator)); // signed after mutating: the body reaches the operation
            }

            var response = await client.SendAsync(request);
            var outcome = $"{(int)response.StatusCode} {response.ErrorType ?? "OK"}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            Assert.True((int)response.StatusCode < 500, $"mutation {i} of {operation} answered {(int)response.StatusCode}: {response.Text}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.False(string.IsNullOrEmpty(response.ErrorType), $"mutation {i} of {operation}: no __type in {response.Text}");
            }

            CognitoResponse.AssertNoStackTrace(response.Text);
        }

        output.WriteLine(string.Join(Environment.NewLine, outcomes.Select(o => $"{o.Value,4} × {o.Key}")));
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        var secrets = new SecretScanner();
        valid.ForEach(v => secrets.AddFromJson(Encoding.UTF8.GetBytes(v.Json)));
        secrets.AssertNotIn(logs.Collector.GetSnapshot(), "the emulator");
        Assert.True(outcomes.Count > 3, "the mutations nearly all met the same fate: they test little");
        (await client.AdminInitiateAuthAsync("testuser@example.com", "TempPass123!")).AssertOk();
    }

    private static List<(string Operation, string Json)> ValidRequests(CognitoEmulator emulator)
    {
        var pool = emulator.UserPoolId;
        var clientId = emulator.ClientId;
        object[] inputs =
        [
            new { Operation = "AdminInitiateAuth", Input = (object)new { UserPoolId = pool, ClientId = clientId, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" } } },
            new { Operation = "InitiateAuth", Input = (object)new { ClientId = clientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["PASSWORD"] = "TempPass123!" } } },
            new { Operation = "InitiateAuth", Input = (object)new { ClientId = clientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = new Dictionary<string, string> { ["REFRESH_TOKEN"] = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z.w" } } },
            new { Operation = "AdminRespondToAuthChallenge", Input = (object)new { UserPoolId = pool, ClientId = clientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = "AYABe-session", ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["NEW_PASSWORD"] = "NewSecurePass123!" } } },
            new { Operation = "RespondToAuthChallenge", Input = (object)new { ClientId = clientId, ChallengeName = "NEW_PASSWORD_REQUIRED", Session = "AYABe-session", ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = "testuser@example.com", ["NEW_PASSWORD"] = "NewSecurePass123!" } } },
            new { Operation = "AdminCreateUser", Input = (object)new { UserPoolId = pool, Username = "fuzz@example.com", TemporaryPassword = "TempPass123!", MessageAction = "SUPPRESS", UserAttributes = new[] { new { Name = "email", Value = "fuzz@example.com" } } } },
            new { Operation = "AdminSetUserPassword", Input = (object)new { UserPoolId = pool, Username = "testuser@example.com", Password = "TempPass123!", Permanent = false } },
            new { Operation = "AdminGetUser", Input = (object)new { UserPoolId = pool, Username = "testuser@example.com" } },
            new { Operation = "RevokeToken", Input = (object)new { Token = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z.w", ClientId = clientId } },
            new { Operation = "GlobalSignOut", Input = (object)new { AccessToken = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.e30.c2ln" } },
        ];
        return [.. inputs.Select(i => JsonSerializer.SerializeToElement(i)).Select(e => (e.GetProperty("Operation").GetString()!, e.GetProperty("Input").GetRawText()))];
    }

    /// <summary>One to four edits: flip a byte, drop a span, duplicate a span, or insert a JSON-significant character.</summary>
    private static byte[] Mutate(byte[] body, Random random)
    {
        var bytes = new List<byte>(body);
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 32), bytes.Count - at)));
                    break;
                default:
                    bytes.Insert(at, JsonSignificant[random.Next(JsonSignificant.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A body of unknown length: sent chunked, so only reading it can find it too large.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
