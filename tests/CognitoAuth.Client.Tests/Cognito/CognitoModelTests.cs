using System.Net;
using System.Text.Json;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Cognito.Signing;
using CognitoAuth.Client.Tests.Cognito.Signing;

namespace CognitoAuth.Client.Tests.Cognito;

/// <summary>
/// The DTOs and the protocol constants checked against botocore's service model (<c>cognito-idp/2016-04-18/service-2.json</c>
/// from the Debian awscli package), the authoritative shape of every Cognito request and response.
/// </summary>
public sealed class CognitoModelTests
{
    private static readonly Lazy<JsonElement> Model = new(() => Botocore.NewestServiceModel);

    // What the client sends and reads per operation, and how to make it send one (for the signing check).
    private static readonly Dictionary<string, (Type Input, Type Output, Func<ICognitoIdentityProvider, Task> Call)> Operations = new()
    {
        ["AdminInitiateAuth"] = (typeof(AdminInitiateAuthRequest), typeof(AuthFlowResponse),
            c => c.AdminInitiateAuthAsync(CognitoTestHost.Endpoint, new() { UserPoolId = "p", ClientId = "c", AuthFlow = AuthFlowType.AdminUserPasswordAuth }, CancellationToken.None)),
        ["AdminRespondToAuthChallenge"] = (typeof(AdminRespondToAuthChallengeRequest), typeof(AuthFlowResponse),
            c => c.AdminRespondToAuthChallengeAsync(CognitoTestHost.Endpoint, new() { UserPoolId = "p", ClientId = "c", ChallengeName = ChallengeNameType.NewPasswordRequired }, CancellationToken.None)),
        ["InitiateAuth"] = (typeof(InitiateAuthRequest), typeof(AuthFlowResponse),
            c => c.InitiateAuthAsync(CognitoTestHost.Endpoint, new() { ClientId = "c", AuthFlow = AuthFlowType.UserPasswordAuth }, CancellationToken.None)),
        ["RespondToAuthChallenge"] = (typeof(RespondToAuthChallengeRequest), typeof(AuthFlowResponse),
            c => c.RespondToAuthChallengeAsync(CognitoTestHost.Endpoint, new() { ClientId = "c", ChallengeName = ChallengeNameType.NewPasswordRequired }, CancellationToken.None)),
        ["RevokeToken"] = (typeof(RevokeTokenRequest), typeof(RevokeTokenResponse),
            c => c.RevokeTokenAsync(CognitoTestHost.Endpoint, new() { ClientId = "c", Token = "t" }, CancellationToken.None)),
        ["GetTokensFromRefreshToken"] = (typeof(GetTokensFromRefreshTokenRequest), typeof(GetTokensFromRefreshTokenResponse),
            c => c.GetTokensFromRefreshTokenAsync(CognitoTestHost.Endpoint, new() { ClientId = "c", RefreshToken = "r" }, CancellationToken.None)),
        ["AdminCreateUser"] = (typeof(AdminCreateUserRequest), typeof(AdminCreateUserResponse),
            c => c.AdminCreateUserAsync(CognitoTestHost.Endpoint, new() { UserPoolId = "p", Username = "u" }, CancellationToken.None)),
    };

    public static TheoryData<string> OperationNames => [.. Operations.Keys];

    [BotocoreTheory]
    [MemberData(nameof(OperationNames))]
    public void Dtos_OfEachOperation_MatchBotocoreShapes(string operation)
    {
        var shapes = Operation(operation);
        var problems = new List<string>();

        Compare(Operations[operation].Input, shapes.GetProperty("input").GetProperty("shape").GetString()!, problems);
        Compare(Operations[operation].Output, shapes.GetProperty("output").GetProperty("shape").GetString()!, problems);

        Assert.Empty(problems);
    }

    [BotocoreTheory]
    [MemberData(nameof(OperationNames))]
    public async Task Signing_OfEachOperation_FollowsTheModel(string operation)
    {
        using var host = new CognitoTestHost();
        host.Stub.Always(HttpStatusCode.OK, "{}");

        await Operations[operation].Call(host.Client);

        var signed = Assert.Single(host.Stub.Requests).Header("Authorization") is not null;
        var noAuth = Operation(operation).TryGetProperty("authtype", out var authType) && authType.GetString() == "none";
        // This botocore model predates RevokeToken's noAuth marking (newer models and REFERENCE.md: unsigned).
        Assert.Equal(!noAuth && operation != "RevokeToken", signed);
        Assert.Equal(operation.StartsWith("Admin", StringComparison.Ordinal), signed);
    }

    [BotocoreFact]
    public void Protocol_Constants_MatchTheModelMetadata()
    {
        var metadata = Model.Value.GetProperty("metadata");

        Assert.Equal("json", metadata.GetProperty("protocol").GetString());
        Assert.Equal("1.1", metadata.GetProperty("jsonVersion").GetString());
        Assert.Equal("AWSCognitoIdentityProviderService", metadata.GetProperty("targetPrefix").GetString());
        Assert.Equal("v4", metadata.GetProperty("signatureVersion").GetString());
        Assert.Equal(SigV4Signer.CognitoService, metadata.GetProperty("endpointPrefix").GetString());
    }

    [BotocoreTheory]
    [InlineData(CognitoErrorCodes.NotAuthorized)]
    [InlineData(CognitoErrorCodes.UserNotFound)]
    [InlineData(CognitoErrorCodes.InvalidPassword)]
    [InlineData(CognitoErrorCodes.PasswordResetRequired)]
    [InlineData(CognitoErrorCodes.UserNotConfirmed)]
    [InlineData(CognitoErrorCodes.InvalidParameter)]
    [InlineData(CognitoErrorCodes.TooManyRequests)]
    [InlineData(CognitoErrorCodes.LimitExceeded)]
    [InlineData(CognitoErrorCodes.InternalError)]
    [InlineData(CognitoErrorCodes.ResourceNotFound)]
    public void ErrorCode_CognitoCode_IsAnExceptionShapeOfTheModel(string code)
    {
        Assert.True(Shape(code).TryGetProperty("exception", out var exception) && exception.GetBoolean(), $"{code} is not an exception shape.");
    }

    private static JsonElement Operation(string name) => Model.Value.GetProperty("operations").GetProperty(name);

    private static JsonElement Shape(string name) => Model.Value.GetProperty("shapes").GetProperty(name);

    // Every serialized property must be a member of the shape, of the same kind (recursing into structures and
    // lists of structures), and every member the model requires must be a C# required property.
    private static void Compare(Type dto, string shapeName, List<string> problems)
    {
        var shape = Shape(shapeName);
        var members = shape.GetProperty("members");
        var properties = CognitoJsonContext.Default.GetTypeInfo(dto)!.Properties;
        foreach (var property in properties)
        {
            if (!members.TryGetProperty(property.Name, out var member))
            {
                // One DTO reads the answers of all four sign-in operations; the model gives AvailableChallenges (USER_AUTH's
                // SELECT_CHALLENGE) to the two InitiateAuth answers only, so the two RespondToAuthChallenge answers never
                // carry it and it stays null there.
                if (dto == typeof(AuthFlowResponse) && property.Name == "AvailableChallenges"
                    && Shape("InitiateAuthResponse").GetProperty("members").TryGetProperty(property.Name, out _))
                {
                    continue;
                }

                problems.Add($"{dto.Name}.{property.Name} is not a member of {shapeName}.");
                continue;
            }

            var memberShapeName = member.GetProperty("shape").GetString()!;
            var memberShape = Shape(memberShapeName);
            var kind = memberShape.GetProperty("type").GetString();
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (Kind(type) != kind)
            {
                problems.Add($"{dto.Name}.{property.Name} is a {Kind(type)} but {shapeName}.{property.Name} is a {kind}.");
            }
            else if (kind == "structure")
            {
                Compare(type, memberShapeName, problems);
            }
            else if (kind == "list" && memberShape.GetProperty("member").GetProperty("shape").GetString() is { } elementShape
                && Shape(elementShape).GetProperty("type").GetString() == "structure")
            {
                Compare(type.GetGenericArguments()[0], elementShape, problems);
            }
        }

        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()))
            {
                if (!properties.Any(p => p.Name == name && p.IsRequired))
                {
                    problems.Add($"{shapeName} requires {name}, which {dto.Name} does not require.");
                }
            }
        }
    }

    private static string Kind(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(int) ? "integer"
        : type == typeof(bool) ? "boolean"
        : type == typeof(DateTimeOffset) ? "timestamp"
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? "map"
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? "list"
        : "structure";
}
