namespace CognitoAuth.Client.Cognito.Model;

/// <summary>
/// The output of <c>AdminInitiateAuth</c>, <c>InitiateAuth</c>, <c>AdminRespondToAuthChallenge</c> and
/// <c>RespondToAuthChallenge</c>: botocore gives the four the same members, so one type serves them all.
/// Either <see cref="AuthenticationResult"/> or a <see cref="ChallengeName"/> with a <see cref="Session"/>.
/// </summary>
internal sealed class AuthFlowResponse
{
    public string? ChallengeName { get; init; }
    public string? Session { get; init; }
    public Dictionary<string, string>? ChallengeParameters { get; init; }

    /// <summary>With <c>SELECT_CHALLENGE</c> (<c>USER_AUTH</c>): the first factors the user may choose from.</summary>
    public List<string>? AvailableChallenges { get; init; }
    public AuthenticationResultType? AuthenticationResult { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthFlowResponse {{ ChallengeName = {ChallengeName}, Session = {(Session is null ? "null" : "***")}, AuthenticationResult = {AuthenticationResult} }}";
}
