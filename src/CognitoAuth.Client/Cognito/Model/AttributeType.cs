namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AttributeType</c>.</summary>
internal sealed class AttributeType
{
    public required string Name { get; init; }
    public string? Value { get; init; }
}
