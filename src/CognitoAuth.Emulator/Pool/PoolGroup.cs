namespace CognitoAuth.Emulator.Pool;

/// <summary>A group of a pool. Its members carry its name in <c>cognito:groups</c>.</summary>
internal sealed class PoolGroup
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public int? Precedence { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastModifiedAt { get; set; }

    public override string ToString() => $"PoolGroup {{ Name = {Name} }}";
}
