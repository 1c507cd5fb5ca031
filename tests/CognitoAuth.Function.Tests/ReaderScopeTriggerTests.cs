using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoAuth.Reference;

namespace CognitoAuth.Function.Tests;

public sealed class ReaderScopeTriggerTests
{
    private const string ReaderAnswer = """{ "claimsAndScopeOverrideDetails": { "accessTokenGeneration": { "scopesToAdd": ["cognito-auth-api/hello.read"] } } }""";

    [Fact]
    public void Handle_UserInReaders_AddsTheHelloReadScopeToTheAccessToken()
    {
        var evt = Event(groups: ["admins", "readers"]);

        var answer = Invoke(evt);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ReaderAnswer), answer["response"]), answer.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("admins")]
    [InlineData("Readers")]
    [InlineData("readers-pending,admins")]
    public void Handle_UserNotInReaders_LeavesTheResponseAsCognitoSentIt(string groups)
    {
        var evt = Event(groups.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var answer = Invoke(evt);

        Assert.True(JsonNode.DeepEquals(evt, answer), answer.ToJsonString());
    }

    [Fact]
    public void Handle_VersionOneEvent_ChangesNothing()
    {
        // A V1_0 trigger customizes the ID token only: a scope answer would be ignored, so none is given.
        var evt = Event(groups: ["readers"]);
        evt["version"] = "1";
        evt["request"]!.AsObject().Remove("scopes");

        var answer = Invoke(evt);

        Assert.True(JsonNode.DeepEquals(evt, answer), answer.ToJsonString());
    }

    [Fact]
    public void Handle_Answer_IsTheWholeEventBackWithOnlyTheResponseChanged()
    {
        var evt = Event(groups: ["readers"]);

        var answer = Invoke(evt);

        answer["response"] = evt["response"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(evt, answer), answer.ToJsonString());
    }

    [Fact]
    public void Handle_GroupConfigurationMissing_GrantsNothing()
    {
        var evt = Event(groups: []);
        evt["request"]!.AsObject().Remove("groupConfiguration");

        var answer = Invoke(evt);

        Assert.True(JsonNode.DeepEquals(evt, answer), answer.ToJsonString());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void Handle_NotAnEventObject_ThrowsSoCognitoFailsTheSignIn(string body)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(body));

        Assert.ThrowsAny<JsonException>(() => new ReaderScopeTrigger().Handle(input));
    }

    [Fact]
    public void Definitions_ReferenceStack_NamesTheTriggersGroupScopeAndHandler()
    {
        Assert.Equal("readers", ReferenceStack.ReadersGroup.Name);
        Assert.Equal(ReaderScopeTrigger.GrantedScope, ReferenceStack.HelloReadScope);
        Assert.Equal("CognitoAuth.Function::CognitoAuth.Function.ReaderScopeTrigger::Handle", ReferenceStack.TokenTriggerHandler);
        Assert.Equal(ReferenceStack.Function.Runtime, ReferenceStack.TokenTrigger.Runtime);
        Assert.Equal("V2_0", ReferenceStack.TokenTriggerVersion);
        Assert.Equal("ESSENTIALS", ReferenceStack.FeaturePlan);
    }

    private static JsonObject Event(string[] groups)
    {
        var evt = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", "pre-token-generation-v2.json")))!.AsObject();
        evt["request"]!["groupConfiguration"]!["groupsToOverride"] = new JsonArray([.. groups.Select(g => JsonValue.Create(g))]);
        return evt;
    }

    private static JsonObject Invoke(JsonObject evt)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(evt.ToJsonString()));
        using var output = new ReaderScopeTrigger().Handle(input);
        return JsonNode.Parse(output)!.AsObject();
    }
}
