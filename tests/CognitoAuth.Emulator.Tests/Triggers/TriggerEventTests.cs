using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Triggers;
using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Tests.Triggers;

/// <summary>The events the emulator sends (Cognito's fields, in Cognito's order) and how it reads the answers.</summary>
public sealed class TriggerEventTests
{
    internal static readonly TriggerContext Context = new("ap-northeast-1", "ap-northeast-1_AbCdEfGhI", "6f0ueh9lbq2t0m6e3dmp5gu9hq");

    internal static readonly KeyValuePair<string, string>[] Attributes =
        [new("sub", "7744fa58-3041-70d5-9bb4-1ef6a2b3c4d5"), new("email_verified", "true"), new("email", "alice@example.com")];

    private static readonly string[] EnvelopeOrder = ["version", "triggerSource", "region", "userPoolId", "userName", "callerContext", "request", "response"];

    /// <summary>One event of every trigger and source the emulator builds (the Powertools peer check validates these too).</summary>
    internal static IEnumerable<(string Name, JsonObject Event)> EveryEvent()
    {
        var metadata = new Dictionary<string, string> { ["tenant"] = "acme" };
        foreach (var source in (string[])[PreSignUpTrigger.SignUp, PreSignUpTrigger.AdminCreateUser])
        {
            yield return (source, PreSignUpTrigger.Event(source, source == PreSignUpTrigger.AdminCreateUser ? Context with { ClientId = null } : Context,
                "alice", [new("email", "alice@example.com")], source == PreSignUpTrigger.SignUp ? new Dictionary<string, string> { ["captcha"] = "ok" } : null, metadata));
        }

        foreach (var source in (string[])[PostConfirmationTrigger.ConfirmSignUp, PostConfirmationTrigger.ConfirmForgotPassword])
        {
            yield return (source, PostConfirmationTrigger.Event(source, Context, "alice", Attributes, metadata));
        }

        yield return (PreAuthenticationTrigger.Authentication, PreAuthenticationTrigger.Event(Context, "alice", Attributes, metadata, userNotFound: false));
        yield return (PostAuthenticationTrigger.Authentication, PostAuthenticationTrigger.Event(Context, "alice", Attributes, newDeviceUsed: false, metadata));
        foreach (var source in (string[])[CustomMessageTrigger.SignUp, CustomMessageTrigger.AdminCreateUser, CustomMessageTrigger.ResendCode,
            CustomMessageTrigger.ForgotPassword, CustomMessageTrigger.UpdateUserAttribute, CustomMessageTrigger.VerifyUserAttribute, CustomMessageTrigger.Authentication])
        {
            yield return (source, CustomMessageTrigger.Event(source, Context, "alice", Attributes, null));
        }

        yield return (UserMigrationTrigger.Authentication, UserMigrationTrigger.Event(UserMigrationTrigger.Authentication, Context, "alice", "OldPass123!", metadata, null));
        yield return (UserMigrationTrigger.ForgotPassword, UserMigrationTrigger.Event(UserMigrationTrigger.ForgotPassword, Context, "alice", null, null, null));
        foreach (var version in (string[])[PreTokenGenerationTrigger.V1, PreTokenGenerationTrigger.V2, PreTokenGenerationTrigger.V3])
        {
            foreach (var source in (string[])[PreTokenGenerationTrigger.HostedAuth, PreTokenGenerationTrigger.Authentication, PreTokenGenerationTrigger.NewPasswordChallenge,
                PreTokenGenerationTrigger.AuthenticateDevice, PreTokenGenerationTrigger.RefreshTokens])
            {
                yield return ($"{source} {version}", PreTokenGenerationTrigger.Event(version, source, Context, "alice", Attributes, ["readers"], [], null,
                    ["aws.cognito.signin.user.admin"], null));
            }
        }

        yield return ($"{PreTokenGenerationTrigger.ClientCredentials} V3_0", PreTokenGenerationTrigger.Event(PreTokenGenerationTrigger.V3,
            PreTokenGenerationTrigger.ClientCredentials, Context, null, [], [], [], null, ["cognito-auth-api/hello.read"], null));
        yield return ("DefineAuthChallenge with SRP_A", DefineAuthChallengeTrigger.Event(Context, "alice", Attributes, [new ChallengeStep("SRP_A", true)], null, null));
        yield return ("DefineAuthChallenge after a custom challenge", DefineAuthChallengeTrigger.Event(Context, "alice", Attributes,
            [new ChallengeStep("CUSTOM_CHALLENGE", false, "CAPTCHA")], metadata, userNotFound: false));
        yield return ("CreateAuthChallenge", CreateAuthChallengeTrigger.Event(Context, "alice", Attributes, "CUSTOM_CHALLENGE",
            [new ChallengeStep("SRP_A", true), new ChallengeStep("PASSWORD_VERIFIER", true)], null, null));
        yield return ("VerifyAuthChallengeResponse", VerifyAuthChallengeResponseTrigger.Event(Context, "alice", Attributes,
            new Dictionary<string, string> { ["answer"] = "5" }, "5", null, userNotFound: false));
    }

    /// <summary>The first define of a CUSTOM_AUTH without SRP: an empty session, as Cognito sends it.</summary>
    internal static JsonObject FirstDefine() => DefineAuthChallengeTrigger.Event(Context, "alice", Attributes, [], null, null);

    [Fact]
    public void Event_EveryTrigger_HasCognitosEnvelopeInOrder()
    {
        foreach (var (name, evt) in EveryEvent())
        {
            var keys = evt.Select(p => p.Key).ToList();
            var expected = EnvelopeOrder.Where(k => k != "userName" || evt.ContainsKey("userName")).ToList();
            Assert.True(expected.SequenceEqual(keys), $"{name}: {string.Join(", ", keys)}");
            Assert.StartsWith(name.Split(' ')[0], evt["triggerSource"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(["awsSdkVersion", "clientId"], evt["callerContext"]!.AsObject().Select(p => p.Key));
            Assert.IsType<JsonObject>(evt["response"]);
        }
    }

    [Fact]
    public void PreSignUp_Event_IsCognitosShape()
    {
        var evt = PreSignUpTrigger.Event(PreSignUpTrigger.SignUp, Context, "alice", [new("email", "alice@example.com")],
            new Dictionary<string, string> { ["captcha"] = "ok" }, null);

        var expected = JsonNode.Parse("""
            {"version":"1","triggerSource":"PreSignUp_SignUp","region":"ap-northeast-1","userPoolId":"ap-northeast-1_AbCdEfGhI","userName":"alice",
             "callerContext":{"awsSdkVersion":"aws-sdk-unknown-unknown","clientId":"6f0ueh9lbq2t0m6e3dmp5gu9hq"},
             "request":{"userAttributes":{"email":"alice@example.com"},"validationData":{"captcha":"ok"}},
             "response":{"autoConfirmUser":false,"autoVerifyEmail":false,"autoVerifyPhone":false}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, evt), evt.ToJsonString());
    }

    [Fact]
    public void PreSignUp_AdminCreateUser_HasNoClient()
    {
        var evt = PreSignUpTrigger.Event(PreSignUpTrigger.AdminCreateUser, Context with { ClientId = null }, "alice", [], null, null);

        Assert.Equal("CLIENT_ID_NOT_APPLICABLE", evt["callerContext"]!["clientId"]!.GetValue<string>());
        Assert.Null(evt["request"]!["validationData"]);
    }

    [Fact]
    public void PreSignUp_Read_AppliesAutoConfirmAndVerifiesOnlyAttributesTheUserHas()
    {
        var answer = Answer(PreSignUpTrigger.Event(PreSignUpTrigger.SignUp, Context, "alice", [], null, null),
            """{"autoConfirmUser":true,"autoVerifyEmail":true,"autoVerifyPhone":true}""");

        var read = PreSignUpTrigger.Read(answer);

        Assert.Equal(new PreSignUpAnswer(true, true, true), read);
        Assert.Equal(["email_verified"], read.VerifiedAttributes([new("email", "alice@example.com")]));
    }

    [Theory]
    [InlineData("""{"autoConfirmUser":"true"}""")]
    [InlineData("""{"autoConfirmUser":1}""")]
    [InlineData("""[]""")]
    public void PreSignUp_Read_WrongTypes_AreUnrecognizable(string response)
    {
        var answer = Answer(PreSignUpTrigger.Event(PreSignUpTrigger.SignUp, Context, "alice", [], null, null), response);

        var error = Assert.Throws<CognitoServiceException>(() => PreSignUpTrigger.Read(answer));
        Assert.Equal(("InvalidLambdaResponseException", "Unrecognizable lambda output"), (error.Code, error.Message));
    }

    [Fact]
    public void PreSignUp_Read_EventReturnedUnchanged_ChangesNothing()
    {
        var evt = PreSignUpTrigger.Event(PreSignUpTrigger.SignUp, Context, "alice", [], null, null);

        Assert.Equal(new PreSignUpAnswer(false, false, false), PreSignUpTrigger.Read(evt));
    }

    [Fact]
    public void CustomMessage_Event_CarriesPlaceholdersNotTheCode()
    {
        var invitation = CustomMessageTrigger.Event(CustomMessageTrigger.AdminCreateUser, Context, "alice", Attributes, null);
        var signUp = CustomMessageTrigger.Event(CustomMessageTrigger.SignUp, Context, "alice", Attributes, null);

        Assert.Equal("{####}", invitation["request"]!["codeParameter"]!.GetValue<string>());
        Assert.Equal("{username}", invitation["request"]!["usernameParameter"]!.GetValue<string>());
        Assert.Null(signUp["request"]!["usernameParameter"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"smsMessage":null,"emailMessage":null,"emailSubject":null}"""), signUp["response"]));
    }

    [Fact]
    public void CustomMessage_Apply_TakesTheFunctionsWordsAndKeepsThePoolsWhereItWroteNone()
    {
        var answer = Answer(CustomMessageTrigger.Event(CustomMessageTrigger.AdminCreateUser, Context, "alice", Attributes, null),
            """{"emailSubject":"Welcome to Acme","emailMessage":"Hi {username}, your temporary password is {####}.","smsMessage":null}""");

        var read = CustomMessageTrigger.Read(answer);

        Assert.Equal(("Welcome to Acme", "Hi {username}, your temporary password is {####}."), read.Apply("EMAIL", "Your temporary password", "default {####}"));
        Assert.Equal(("Your temporary password", "Code {####}"), read.Apply("SMS", "Your temporary password", "Code {####}"));
    }

    [Theory]
    [InlineData("EMAIL", "emailBody")]
    [InlineData("SMS", "smsMessage")]
    public void CustomMessage_Apply_MessageWithoutTheCodePlaceholder_IsRefusedAsCognitoRefusesIt(string medium, string member)
    {
        var read = new CustomMessageAnswer("Welcome!", "Welcome!", "Hello");

        var refused = Assert.Throws<CognitoServiceException>(() => read.Apply(medium, "subject", "default {####}"));

        Assert.Equal("InvalidParameterException", refused.Code);
        Assert.StartsWith($"1 validation error detected: Value 'Welcome!' at '{member}' failed to satisfy constraint", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMigration_ForgotPassword_SendsNoPassword()
    {
        var evt = UserMigrationTrigger.Event(UserMigrationTrigger.ForgotPassword, Context, "alice", null, null, null);

        Assert.False(evt["request"]!.AsObject().ContainsKey("password"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"userAttributes":null,"finalUserStatus":null,"messageAction":null,"desiredDeliveryMediums":null,"forceAliasCreation":null,"enableSMSMFA":null}
            """), evt["response"]));
    }

    [Fact]
    public void UserMigration_Read_MigratedUserWithItsStatus()
    {
        var answer = Answer(UserMigrationTrigger.Event(UserMigrationTrigger.Authentication, Context, "alice", "OldPass123!", null, null),
            """{"userAttributes":{"email":"alice@example.com","email_verified":"true"},"finalUserStatus":"RESET_REQUIRED","messageAction":"SUPPRESS","desiredDeliveryMediums":["EMAIL"]}""");

        var read = UserMigrationTrigger.Read(answer);

        Assert.True(read.Migrated);
        Assert.Equal("alice@example.com", read.UserAttributes!["email"]);
        Assert.Equal(("RESET_REQUIRED", "SUPPRESS"), (read.FinalUserStatus, read.MessageAction));
        Assert.Equal(["EMAIL"], read.DesiredDeliveryMediums);
    }

    [Fact]
    public void UserMigration_Read_NoAttributes_IsNotMigratedAndDefaultsToConfirmed()
    {
        var read = UserMigrationTrigger.Read(UserMigrationTrigger.Event(UserMigrationTrigger.Authentication, Context, "alice", "p", null, null));

        Assert.False(read.Migrated);
        Assert.Equal("CONFIRMED", read.FinalUserStatus);
    }

    [Theory]
    [InlineData("""{"userAttributes":{"email":"a@example.com"},"finalUserStatus":"FORCE_CHANGE_PASSWORD"}""")]
    [InlineData("""{"userAttributes":{"email":"a@example.com"},"messageAction":"SEND"}""")]
    [InlineData("""{"userAttributes":{"age":42}}""")]
    public void UserMigration_Read_ValuesCognitoDoesNotTake_AreUnrecognizable(string response)
    {
        var answer = Answer(UserMigrationTrigger.Event(UserMigrationTrigger.Authentication, Context, "alice", "p", null, null), response);

        Assert.Equal("InvalidLambdaResponseException", Assert.Throws<CognitoServiceException>(() => UserMigrationTrigger.Read(answer)).Code);
    }

    [Fact]
    public void PreTokenGeneration_V1Event_HasNoScopesAndTheV1Response()
    {
        var evt = PreTokenGenerationTrigger.Event(PreTokenGenerationTrigger.V1, PreTokenGenerationTrigger.Authentication, Context, "alice", Attributes,
            ["readers"], [], null, ["aws.cognito.signin.user.admin"], null);

        Assert.Equal("1", evt["version"]!.GetValue<string>());
        Assert.False(evt["request"]!.AsObject().ContainsKey("scopes"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"claimsOverrideDetails":null}"""), evt["response"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"groupsToOverride":["readers"],"iamRolesToOverride":[],"preferredRole":null}"""),
            evt["request"]!["groupConfiguration"]));
    }

    [Fact]
    public void PreTokenGeneration_V2Event_SendsTheScopes()
    {
        var evt = PreTokenGenerationTrigger.Event(PreTokenGenerationTrigger.V2, PreTokenGenerationTrigger.RefreshTokens, Context, "alice", Attributes,
            [], [], null, ["aws.cognito.signin.user.admin"], null);

        Assert.Equal("2", evt["version"]!.GetValue<string>());
        Assert.Equal(["aws.cognito.signin.user.admin"], evt["request"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"claimsAndScopeOverrideDetails":null}"""), evt["response"]));
    }

    [Fact]
    public void PreTokenGeneration_ClientCredentials_OnlyWithV3()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PreTokenGenerationTrigger.Event(PreTokenGenerationTrigger.V2,
            PreTokenGenerationTrigger.ClientCredentials, Context, null, [], [], [], null, [], null));
    }

    [Fact]
    public void PreTokenGeneration_ReadV1_ChangesTheIdTokenOnlyAndRefusesProtectedClaims()
    {
        var answer = Answer(V1Event(), """
            {"claimsOverrideDetails":{"claimsToAddOrOverride":{"tenant":"acme","sub":"someone-else"},"claimsToSuppress":["email","iss"],
             "groupOverrideDetails":{"groupsToOverride":["admins"],"iamRolesToOverride":["arn:aws:iam::123456789012:role/admin"],"preferredRole":"arn:aws:iam::123456789012:role/admin"}}}
            """);

        var read = PreTokenGenerationTrigger.Read(PreTokenGenerationTrigger.V1, answer);

        Assert.Equal("acme", read.IdToken.AddOrOverride["tenant"]!.GetValue<string>());
        Assert.Equal(["email"], read.IdToken.Suppress);
        Assert.True(read.AccessToken.IsEmpty);
        Assert.Equal(["sub", "iss"], read.Refused);
        Assert.Equal(["admins"], read.GroupsToOverride);
        Assert.False(read.GroupsApplyToAccessToken);
    }

    [Fact]
    public void PreTokenGeneration_ReadV1_NonStringClaim_IsUnrecognizable()
    {
        var answer = Answer(V1Event(), """{"claimsOverrideDetails":{"claimsToAddOrOverride":{"roles":["a","b"]}}}""");

        Assert.Equal("InvalidLambdaResponseException",
            Assert.Throws<CognitoServiceException>(() => PreTokenGenerationTrigger.Read(PreTokenGenerationTrigger.V1, answer)).Code);
    }

    [Fact]
    public void PreTokenGeneration_ReadV2_BothTokensScopesAndGroups()
    {
        var answer = Answer(V1Event(), """
            {"claimsAndScopeOverrideDetails":{
               "idTokenGeneration":{"claimsToAddOrOverride":{"tenant":{"id":7,"name":"acme"}},"claimsToSuppress":["email"]},
               "accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme","scope":"admin"},"claimsToSuppress":["username"],
                                        "scopesToAdd":["cognito-auth-api/hello.read"],"scopesToSuppress":["aws.cognito.signin.user.admin"]},
               "groupOverrideDetails":{"groupsToOverride":["readers"]}}}
            """);

        var read = PreTokenGenerationTrigger.Read(PreTokenGenerationTrigger.V2, answer);

        Assert.Equal(7, read.IdToken.AddOrOverride["tenant"]!["id"]!.GetValue<int>());
        Assert.Equal(["username"], read.AccessToken.Suppress);
        Assert.False(read.AccessToken.AddOrOverride.ContainsKey("scope"));
        Assert.Equal(["scope"], read.Refused);
        Assert.Equal(["cognito-auth-api/hello.read"], read.ScopesToAdd);
        Assert.Equal(["aws.cognito.signin.user.admin"], read.ScopesToSuppress);
        Assert.Equal(["readers"], read.GroupsToOverride);
        Assert.True(read.GroupsApplyToAccessToken);
    }

    [Theory]
    [InlineData("""{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"scopesToAdd":["a b"]}}}""")]
    [InlineData("""{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"scopesToAdd":"a"}}}""")]
    [InlineData("""{"claimsAndScopeOverrideDetails":{"idTokenGeneration":{"claimsToSuppress":[1]}}}""")]
    [InlineData("""{"claimsAndScopeOverrideDetails":"all"}""")]
    public void PreTokenGeneration_ReadV2_Malformed_IsUnrecognizable(string response)
    {
        var answer = Answer(V1Event(), response);

        Assert.Equal("InvalidLambdaResponseException",
            Assert.Throws<CognitoServiceException>(() => PreTokenGenerationTrigger.Read(PreTokenGenerationTrigger.V2, answer)).Code);
    }

    [Fact]
    public void DefineAuthChallenge_EventAndAnswer()
    {
        var evt = DefineAuthChallengeTrigger.Event(Context, "alice", Attributes,
            [new ChallengeStep("SRP_A", true), new ChallengeStep("CUSTOM_CHALLENGE", false, "CAPTCHA")], null, userNotFound: false);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"challengeName":"SRP_A","challengeResult":true},{"challengeName":"CUSTOM_CHALLENGE","challengeResult":false,"challengeMetadata":"CAPTCHA"}]
            """), evt["request"]!["session"]));
        Assert.False(evt["request"]!["userNotFound"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"challengeName":null,"issueTokens":false,"failAuthentication":false}"""), evt["response"]));

        Assert.Equal(new DefineAuthChallengeAnswer("CUSTOM_CHALLENGE", false, false),
            DefineAuthChallengeTrigger.Read(Answer(evt, """{"challengeName":"CUSTOM_CHALLENGE"}""")));
        Assert.False(DefineAuthChallengeTrigger.Read(evt).IsDecision);
        Assert.True(DefineAuthChallengeTrigger.Read(Answer(evt, """{"issueTokens":true}""")).IsDecision);
    }

    [Fact]
    public void CreateAuthChallenge_Read_PublicPrivateAndMetadata()
    {
        var evt = CreateAuthChallengeTrigger.Event(Context, "alice", Attributes, "CUSTOM_CHALLENGE", [], null, null);

        var read = CreateAuthChallengeTrigger.Read(Answer(evt,
            """{"publicChallengeParameters":{"question":"2+3?"},"privateChallengeParameters":{"answer":"5"},"challengeMetadata":"MATH"}"""));

        Assert.Equal("CUSTOM_CHALLENGE", evt["request"]!["challengeName"]!.GetValue<string>());
        Assert.Equal("2+3?", read.PublicChallengeParameters["question"]);
        Assert.Equal("5", read.PrivateChallengeParameters["answer"]);
        Assert.Equal("MATH", read.ChallengeMetadata);
        Assert.DoesNotContain("5", read.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyAuthChallengeResponse_Read_AnswerCorrect()
    {
        var evt = VerifyAuthChallengeResponseTrigger.Event(Context, "alice", Attributes, new Dictionary<string, string> { ["answer"] = "5" }, "5", null, null);

        Assert.Equal("5", evt["request"]!["challengeAnswer"]!.GetValue<string>());
        Assert.True(VerifyAuthChallengeResponseTrigger.Read(Answer(evt, """{"answerCorrect":true}""")));
        Assert.False(VerifyAuthChallengeResponseTrigger.Read(evt));
    }

    [Fact]
    public void PoolLambdaConfig_From_ReadsEveryTriggerAndTheTokenVersion()
    {
        using var document = JsonDocument.Parse("""
            {"PreSignUp":"arn:aws:lambda:ap-northeast-1:123456789012:function:sign-up",
             "PreTokenGeneration":"arn:aws:lambda:ap-northeast-1:123456789012:function:old",
             "PreTokenGenerationConfig":{"LambdaArn":"arn:aws:lambda:ap-northeast-1:123456789012:function:tokens","LambdaVersion":"V3_0"},
             "CustomEmailSender":{"LambdaArn":"arn:aws:lambda:ap-northeast-1:123456789012:function:mail","LambdaVersion":"V1_0"},"KMSKeyID":"arn:aws:kms:ap-northeast-1:123456789012:key/k"}
            """);

        var config = PoolLambdaConfig.From(document.RootElement);

        Assert.Equal("arn:aws:lambda:ap-northeast-1:123456789012:function:sign-up", config.FunctionFor("PreSignUp"));
        Assert.Equal("arn:aws:lambda:ap-northeast-1:123456789012:function:tokens", config.FunctionFor("PreTokenGeneration"));
        Assert.Equal("V3_0", config.PreTokenGenerationVersion);
        Assert.Null(config.FunctionFor("PostConfirmation"));
        Assert.Equal(["CustomEmailSender", "KMSKeyID"], config.Unsupported);
    }

    [Fact]
    public void PoolLambdaConfig_LegacyKeyAlone_IsVersion1()
    {
        using var document = JsonDocument.Parse("""{"PreTokenGeneration":"arn:aws:lambda:ap-northeast-1:123456789012:function:old"}""");

        Assert.Equal("V1_0", PoolLambdaConfig.From(document.RootElement).PreTokenGenerationVersion);
    }

    [Fact]
    public void PoolLambdaConfig_Reference_NamesTheReferenceTriggerV2()
    {
        using var document = JsonDocument.Parse(PoolLambdaConfig.Reference("ap-northeast-1", "123456789012").ToJsonString());

        var config = PoolLambdaConfig.From(document.RootElement);

        Assert.Equal("arn:aws:lambda:ap-northeast-1:123456789012:function:cognito-auth-token-trigger", config.FunctionFor("PreTokenGeneration"));
        Assert.Equal("V2_0", config.PreTokenGenerationVersion);
    }

    private static JsonObject V1Event() => PreTokenGenerationTrigger.Event(PreTokenGenerationTrigger.V1, PreTokenGenerationTrigger.Authentication, Context, "alice",
        Attributes, [], [], null, [], null);

    /// <summary>The event back with its response replaced, as a function returns it.</summary>
    private static JsonObject Answer(JsonObject evt, string response)
    {
        var answer = evt.DeepClone().AsObject();
        answer["response"] = JsonNode.Parse(response);
        return answer;
    }
}
