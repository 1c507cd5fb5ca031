namespace CognitoAuth.Emulator.Cognito.Model;

/// <summary>A user attribute on the wire (<c>AttributeType</c>).</summary>
internal sealed class AttributeType
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public static AttributeType Of(string name, string value) => new() { Name = name, Value = value };
}
