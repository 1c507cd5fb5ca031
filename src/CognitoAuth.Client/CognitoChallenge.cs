namespace CognitoAuth.Client;

/// <summary>A challenge Cognito asked during a sign-in, as an <see cref="ICognitoChallengeHandler"/> sees it. Holds no session or secret.</summary>
public sealed class CognitoChallenge
{
    /// <summary>Creates the challenge.</summary>
    /// <param name="clientName">The client name whose sign-in asks.</param>
    /// <param name="challengeName">Cognito's challenge name, e.g. <c>SMS_MFA</c>.</param>
    /// <param name="parameters">The challenge's parameters.</param>
    public CognitoChallenge(string clientName, string challengeName, IReadOnlyDictionary<string, string> parameters)
        : this(clientName, challengeName, parameters, [])
    {
    }

    /// <summary>Creates the challenge, with the choices <c>SELECT_CHALLENGE</c> offers.</summary>
    /// <param name="clientName">The client name whose sign-in asks.</param>
    /// <param name="challengeName">Cognito's challenge name, e.g. <c>SELECT_CHALLENGE</c>.</param>
    /// <param name="parameters">The challenge's parameters.</param>
    /// <param name="availableChallenges">The first factors offered (<c>AvailableChallenges</c>).</param>
    public CognitoChallenge(string clientName, string challengeName, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> availableChallenges)
    {
        ClientName = clientName;
        ChallengeName = challengeName;
        Parameters = parameters;
        AvailableChallenges = availableChallenges;
    }

    /// <summary>Gets the name given to <c>AddCognitoApiClient</c> (or the builder's) whose sign-in asks.</summary>
    public string ClientName { get; }

    /// <summary>Gets Cognito's challenge name (botocore's <c>ChallengeNameType</c>), e.g. <c>SMS_MFA</c>, <c>EMAIL_OTP</c>, <c>CUSTOM_CHALLENGE</c>.</summary>
    public string ChallengeName { get; }

    /// <summary>Gets the challenge's parameters, e.g. <c>CODE_DELIVERY_DESTINATION</c> (a masked phone number).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// Gets, for <c>SELECT_CHALLENGE</c> (<see cref="CognitoAuthFlow.UserAuth"/>), the first factors Cognito offers
    /// (<c>PASSWORD</c>, <c>EMAIL_OTP</c>, …): a handler that chooses answers <c>ANSWER</c> with one of them (and <c>PASSWORD</c>
    /// with the password factor). Empty for other challenges.
    /// </summary>
    public IReadOnlyList<string> AvailableChallenges { get; }

    /// <inheritdoc />
    public override string ToString() => $"CognitoChallenge {{ ClientName = {ClientName}, ChallengeName = {ChallengeName} }}";
}
