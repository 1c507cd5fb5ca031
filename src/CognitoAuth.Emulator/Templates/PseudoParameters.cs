namespace CognitoAuth.Emulator.Templates;

/// <summary>CloudFormation's pseudo-parameters as the emulator answers them (<c>AWS::NoValue</c> is the resolver's own).</summary>
internal sealed record PseudoParameters(string Region, string AccountId, string StackName, string StackId)
{
    public const string NoValue = "AWS::NoValue";

    public const string Partition = "aws";

    public const string UrlSuffix = "amazonaws.com";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", NoValue,
    };

    /// <summary>Pseudo-parameters CloudFormation has but a local deployment cannot answer truthfully.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal) { "AWS::NotificationARNs" };

    public string? Value(string name) => name switch
    {
        "AWS::Region" => Region,
        "AWS::AccountId" => AccountId,
        "AWS::StackName" => StackName,
        "AWS::StackId" => StackId,
        "AWS::Partition" => Partition,
        "AWS::URLSuffix" => UrlSuffix,
        _ => null,
    };
}
