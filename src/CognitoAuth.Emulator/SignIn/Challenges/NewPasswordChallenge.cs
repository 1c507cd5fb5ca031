using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.SignIn.Challenges;

/// <summary>
/// <c>NEW_PASSWORD_REQUIRED</c>: <c>NEW_PASSWORD</c> must meet the pool's policy and any <c>userAttributes.*</c> must be
/// writable and mutable; only then is the session spent (so a policy error can be corrected and retried), the attributes
/// set and the password made permanent. The second factor follows.
/// </summary>
internal sealed class NewPasswordChallenge : IChallenge
{
    private const string AttributePrefix = "userAttributes.";

    public string Name => ChallengeNames.NewPasswordRequired;

    public Task<SignInResult> AnswerAsync(ChallengeContext context, CancellationToken cancellationToken) => Task.FromResult(context.Decide(() =>
    {
        if (context.Response("NEW_PASSWORD") is not { } newPassword)
        {
            return new SignInResult.Refused(SignInErrors.MissingParameter("NEW_PASSWORD"));
        }

        var pool = context.Pool;
        if (pool.PasswordRefusal(newPassword) is { } weak)
        {
            return new SignInResult.Refused(weak);
        }

        var attributeUpdates = context.Responses
            .Where(r => r.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .Select(r => new KeyValuePair<string, string>(r.Key[AttributePrefix.Length..], r.Value))
            .ToList();
        if (UserAttributes.UpdateRefusal(pool, attributeUpdates.Select(a => a.Key).ToList()) is { } refusal)
        {
            return new SignInResult.Refused(refusal);
        }

        context.Session.Used = true;
        foreach (var (name, value) in attributeUpdates)
        {
            pool.SetAttribute(context.User, name, value);
        }

        pool.SetPassword(context.User, newPassword, permanent: true);
        return SignInSteps.SecondFactor(pool, context.User, context.Client);
    }));
}
