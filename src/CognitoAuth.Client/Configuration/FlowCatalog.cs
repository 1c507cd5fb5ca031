namespace CognitoAuth.Client.Configuration;

/// <summary>The registered flows' rules by <see cref="CognitoAuthFlow"/>: what the options and the contexts look a flow up in.</summary>
internal sealed class FlowCatalog
{
    private readonly Dictionary<CognitoAuthFlow, IFlowRules> _flows;

    public FlowCatalog(IEnumerable<IFlowRules> flows) => _flows = flows.ToDictionary(f => f.AuthFlow);

    public IEnumerable<IFlowRules> All => _flows.Values.OrderBy(f => f.AuthFlow);

    public IFlowRules? Find(CognitoAuthFlow authFlow) => _flows.GetValueOrDefault(authFlow);

    public IFlowRules Get(CognitoAuthFlow authFlow) =>
        Find(authFlow) ?? throw new InvalidOperationException($"No sign-in flow is registered for AuthFlow '{authFlow}'.");

    /// <summary>The flows that read <paramref name="key"/>, for a message: <c>ClientCredentials and AuthorizationCode</c>.</summary>
    public string ReadersOf(string key)
    {
        var readers = All.Where(f => f.Keys.Contains(key)).Select(f => f.AuthFlow.ToString()).ToList();
        return readers.Count <= 1 ? string.Concat(readers) : string.Join(", ", readers[..^1]) + " and " + readers[^1];
    }
}
