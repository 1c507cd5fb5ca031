using System.Net;
using System.Text;
using CognitoAuth.Emulator.Tests.Infrastructure;

namespace CognitoAuth.Emulator.Tests.Cognito;

/// <summary>The JSON 1.1 front door: malformed requests get AWS-style error bodies, never a 500 with a stack trace.</summary>
public sealed class ProtocolTests
{
    /// <summary>Every operation of the endpoint's dispatch table.</summary>
    public static TheoryData<string> Operations => [.. DispatchTable.OperationNames];

    /// <summary>Those whose input has required members: all but AssociateSoftwareToken (an access token or a session, neither required).</summary>
    public static TheoryData<string> OperationsWithRequiredInput => [.. DispatchTable.OperationNames.Where(o => o != "AssociateSoftwareToken")];

    [Fact]
    public async Task AssociateSoftwareToken_NeitherAccessTokenNorSession_SaysOneOfThemIsNeeded()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AssociateSoftwareToken", "{}");

        response.AssertError("InvalidParameterException", "Exactly one of AccessToken or Session must be provided.");
    }

    [Theory]
    [MemberData(nameof(OperationsWithRequiredInput))]
    public async Task Operation_EmptyInput_NamesTheMissingRequiredMembers(string operation)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync(operation, "{}");

        response.AssertError("InvalidParameterException");
        Assert.Matches(@"^\d+ validation errors? detected: Value null at '[a-zA-Z]+' failed to satisfy constraint: Member must not be null", response.Message);
        Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_BodyNotAnObjectOrMembersOfTheWrongType_SerializationException(string operation)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var array = await client.CallAsync(operation, "[1, 2]");
        var wrongTypes = await client.CallAsync(operation, """{"UserPoolId": 42, "ClientId": 42, "AccessToken": 42, "Username": {}, "GroupName": [], "Domain": true, "PoolName": 1, "MaxResults": "ten"}""");

        array.AssertError("SerializationException");
        wrongTypes.AssertError("SerializationException");
    }

    [Fact]
    public async Task AdminInitiateAuth_SeveralMissingMembers_CountsAndListsThemAll()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("AdminInitiateAuth", "{}");

        response.AssertError("InvalidParameterException",
            "3 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'clientId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'authFlow' failed to satisfy constraint: Member must not be null");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"ClientId": 42, "AuthFlow": "USER_PASSWORD_AUTH"}""")]
    [InlineData("""{"ClientId": "abc", "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": "USERNAME=x"}""")]
    public async Task InitiateAuth_BodyNotOfTheInputShape_SerializationException(string body)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.CallAsync("InitiateAuth", body);

        response.AssertError("SerializationException");
    }

    [Theory]
    [InlineData("AdminLinkProviderForUser")]
    [InlineData("NoSuchOperation")]
    public async Task Request_OperationNotServed_UnknownOperationException(string operation)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.SendAsync(client.Request(operation, "{}"u8.ToArray()));

        response.AssertError("UnknownOperationException");
    }

    [Fact]
    public async Task Request_WithoutTargetHeader_UnknownOperationException()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.SendAsync(client.Request(null, "{}"u8.ToArray()));

        response.AssertError("UnknownOperationException", "The request has no X-Amz-Target header.");
    }

    [Fact]
    public async Task Request_TargetOfAnotherService_UnknownOperationException()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var request = client.Request(null, "{}"u8.ToArray());
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.ListTables");

        var response = await client.SendAsync(request);

        response.AssertError("UnknownOperationException");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Request_WrongContentType_UnknownOperationException(string contentType)
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var response = await client.SendAsync(client.Request("InitiateAuth", "{}"u8.ToArray(), contentType));

        response.AssertError("UnknownOperationException");
        Assert.Contains(contentType, response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_BodyOverOneMebibyte_RequestEntityTooLarge()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);
        var body = Encoding.UTF8.GetBytes("{\"ClientId\": \"" + new string('a', 1024 * 1024) + "\"}");

        var response = await client.SendAsync(client.Request("InitiateAuth", body));

        response.AssertError("RequestEntityTooLargeException", status: HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Get_Root_AwsStyleNotFound()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        using var response = await client.GetAsync("/");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"__type\":\"UnknownOperationException\"", text, StringComparison.Ordinal);
        CognitoResponse.AssertNoStackTrace(text);
    }

    [Fact]
    public async Task Success_CarriesTheRequestIdAndTheJson11ContentType()
    {
        await using var emulator = await CognitoEmulator.StartAsync();
        using var client = new CognitoTestClient(emulator);

        var first = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "testuser@example.com" });
        var second = await client.CallAsync("AdminGetUser", new { UserPoolId = emulator.UserPoolId, Username = "testuser@example.com" });

        first.AssertOk();
        var id = Assert.Single(first.Headers.GetValues("x-amzn-RequestId"));
        Assert.True(Guid.TryParse(id, out _));
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("x-amzn-RequestId")));
    }
}
