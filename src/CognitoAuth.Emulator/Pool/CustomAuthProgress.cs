using CognitoAuth.Emulator.Triggers.Events;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A <c>CUSTOM_AUTH</c> sign-in so far, carried by its open challenge session from one step to the next: the steps the
/// define trigger has seen (<c>request.session[]</c>, in order: <c>SRP_A</c> and <c>PASSWORD_VERIFIER</c> when it began
/// with SRP, then each <c>CUSTOM_CHALLENGE</c> with its result), and what the create trigger made for the custom challenge
/// now open — its private parameters, for the verify trigger, and its metadata, for the next step's record. The private
/// parameters hold the expected answer: <see cref="ToString"/> never shows them.
/// </summary>
/// <param name="Steps">The challenges answered so far, oldest first.</param>
/// <param name="PrivateChallengeParameters">The create trigger's <c>privateChallengeParameters</c> for the open custom challenge.</param>
/// <param name="ChallengeMetadata">The create trigger's <c>challengeMetadata</c> for the open custom challenge.</param>
internal sealed record CustomAuthProgress(
    IReadOnlyList<ChallengeStep> Steps,
    IReadOnlyDictionary<string, string> PrivateChallengeParameters,
    string? ChallengeMetadata)
{
    public override string ToString() => $"CustomAuthProgress {{ Steps = {Steps.Count}, PrivateChallengeParameters = ***, ChallengeMetadata = {ChallengeMetadata} }}";
}
