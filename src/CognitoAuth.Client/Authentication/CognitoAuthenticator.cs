using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CognitoAuth.Client.Authentication.Challenges;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using CognitoAuth.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Drives a sign-in: the context's <see cref="ISignInFlow"/> starts it, and each challenge Cognito asks is answered — by the
/// app's <see cref="ICognitoChallengeHandler"/>s first, then by the built-in <see cref="IChallengeResponder"/> for its name —
/// until tokens arrive or nobody answers the challenge. Also refreshes and signs out. Holds no state of its own: what it
/// learns about a user goes back to the caller as <see cref="SignInMemory"/>.
/// </summary>
internal sealed class CognitoAuthenticator
{
    // Cognito's answer to a one-time code used before (a TOTP code of a step already accepted).
    private const string ExpiredCode = "ExpiredCodeException";

    private readonly Dictionary<CognitoAuthFlow, ISignInFlow> _flows;
    private readonly Dictionary<string, IChallengeResponder> _responders;
    private readonly ICognitoChallengeHandler[] _handlers;
    private readonly ICognitoIdentityProvider _cognito;
    private readonly DeviceConfirmation _devices;
    private readonly CognitoClientMetrics _metrics;
    private readonly ILogger<CognitoAuthenticator> _logger;

    public CognitoAuthenticator(
        IEnumerable<ISignInFlow> flows,
        IEnumerable<IChallengeResponder> responders,
        IEnumerable<ICognitoChallengeHandler> handlers,
        ICognitoIdentityProvider cognito,
        DeviceConfirmation devices,
        CognitoClientMetrics metrics,
        ILogger<CognitoAuthenticator> logger)
    {
        _flows = flows.ToDictionary(f => f.AuthFlow);
        _responders = responders.ToDictionary(r => r.ChallengeName, StringComparer.Ordinal);
        _handlers = [.. handlers];
        _cognito = cognito;
        _devices = devices;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Signs in with the client's flow, answering challenges; <paramref name="remember"/> receives what it learns about the user.
    /// With <see cref="CognitoApiClientOptions.RememberDevice"/>, <paramref name="device"/> (the one kept with the user's last
    /// tokens) is offered and proved, and the tokens carry the device to keep: that one, a new one Cognito offered, or none.
    /// </summary>
    public async Task<CognitoTokenSet> SignInAsync(
        CognitoClientContext client, SignInMemory memory, Action<SignInMemory> remember, CognitoDevice? device, CancellationToken cancellationToken)
    {
        var flow = FlowOf(client);
        using var activity = CognitoClientActivitySource.Instance.StartActivity("CognitoAuth.SignIn");
        activity?.SetTag(CognitoClientMetrics.FlowTag, flow.Name);
        Log.SigningIn(_logger, client.Name, flow.Name);
        try
        {
            var tokens = await SignInWithDeviceAsync(flow, client, memory, remember, client.Options.RememberDevice ? device : null, cancellationToken).ConfigureAwait(false);
            _metrics.SignIn(flow.Name, succeeded: true);
            Log.SignedIn(_logger, client.Name, flow.Name, tokens.ExpiresAt);
            return tokens;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var reason = ReasonOf(exception);
            _metrics.SignIn(flow.Name, succeeded: false);
            _metrics.Failure(flow.Name, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            Log.SignInFailed(_logger, client.Name, flow.Name, reason);
            throw;
        }
    }

    /// <summary>New tokens from <paramref name="current"/>'s refresh token, through the client's flow; <paramref name="remember"/> receives what it learns.</summary>
    public async Task<CognitoTokenSet> RefreshAsync(
        CognitoClientContext client, CognitoTokenSet current, SignInMemory memory, Action<SignInMemory> remember, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(current.RefreshToken, nameof(current));
        using var activity = CognitoClientActivitySource.Instance.StartActivity("CognitoAuth.Refresh");
        activity?.SetTag(CognitoClientMetrics.FlowTag, CognitoClientMetrics.RefreshTokenFlow);
        Log.Refreshing(_logger, client.Name, current.ExpiresAt);
        try
        {
            var tokens = await FlowOf(client).RefreshAsync(new SignInAttempt(client, password: null, memory, remember), current, cancellationToken).ConfigureAwait(false);
            _metrics.Refresh(succeeded: true);
            Log.Refreshed(_logger, client.Name, tokens.ExpiresAt);
            return tokens;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var reason = ReasonOf(exception);
            _metrics.Refresh(succeeded: false);
            _metrics.Failure(CognitoClientMetrics.RefreshTokenFlow, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            Log.RefreshFailed(_logger, client.Name, reason);
            throw;
        }
    }

    /// <summary>
    /// Signs the user out at Cognito once this process dropped <paramref name="tokens"/>: the flow's own sign-out where it has
    /// one, else Cognito's <c>RevokeToken</c> for the refresh token (and the access tokens issued with it).
    /// </summary>
    public async Task SignOutAsync(CognitoClientContext client, CognitoTokenSet? tokens, CancellationToken cancellationToken)
    {
        if (await FlowOf(client).SignOutAsync(client, tokens, cancellationToken).ConfigureAwait(false) || tokens?.RefreshToken is not { } refreshToken)
        {
            return;
        }

        await _cognito.RevokeTokenAsync(
            client.Endpoint,
            new RevokeTokenRequest { Token = refreshToken, ClientId = client.ClientId, ClientSecret = client.Options.ClientSecret },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in offering <paramref name="device"/>; when Cognito refuses the device (forgotten, or its proof rejected), signs in
    /// once more without it: that sign-in's tokens carry a new device or none, so the refused one is forgotten.
    /// </summary>
    private async Task<CognitoTokenSet> SignInWithDeviceAsync(
        ISignInFlow flow, CognitoClientContext client, SignInMemory memory, Action<SignInMemory> remember, CognitoDevice? device, CancellationToken cancellationToken)
    {
        if (device is not null)
        {
            try
            {
                return await SignInWithPasswordsAsync(flow, client, memory, remember, device, cancellationToken).ConfigureAwait(false);
            }
            catch (DeviceRefusedException refused)
            {
                Log.RememberedDeviceRefused(_logger, client.Name, refused.Refusal.ErrorCode);
            }
        }

        return await SignInWithPasswordsAsync(flow, client, memory, remember, device: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in with the password to try first. When Cognito rejects it and a distinct <c>NewPassword</c> is configured, signs
    /// in once more with the other: after a restart the temporary password may already be replaced (or an admin reset it
    /// back), and a retried challenge answer whose first attempt got through finds its single-use session spent although
    /// the new password is set. If that fails too, the first rejection stands.
    /// </summary>
    private async Task<CognitoTokenSet> SignInWithPasswordsAsync(
        ISignInFlow flow, CognitoClientContext client, SignInMemory memory, Action<SignInMemory> remember, CognitoDevice? device, CancellationToken cancellationToken)
    {
        var options = client.Options;
        var newPassword = !string.IsNullOrEmpty(options.NewPassword) && options.NewPassword != options.Password ? options.NewPassword : null;
        var first = newPassword is not null && memory.NewPasswordInEffect ? newPassword : options.Password;
        var second = newPassword is null ? null : first == newPassword ? options.Password : newPassword;
        try
        {
            return await AttemptAsync(flow, new SignInAttempt(client, first, memory, remember) { Device = device }, newPassword, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException rejected) when (rejected.ErrorCode == CognitoErrorCodes.NotAuthorized && second is not null)
        {
            Log.TryingOtherPassword(_logger, client.Name);
            try
            {
                return await AttemptAsync(flow, new SignInAttempt(client, second, memory, remember) { Device = device }, newPassword, cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoException)
            {
                ExceptionDispatchInfo.Throw(rejected);
                throw;
            }
        }
    }

    /// <summary>One sign-in: start, then answer challenges until tokens arrive.</summary>
    private async Task<CognitoTokenSet> AttemptAsync(ISignInFlow flow, SignInAttempt attempt, string? newPassword, CancellationToken cancellationToken)
    {
        SignInStep step;
        try
        {
            step = await flow.StartAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoException refused) when (attempt.Device is not null && refused.ErrorCode == CognitoErrorCodes.ResourceNotFound)
        {
            // "Device does not exist.": the remembered device was forgotten (by the user, an admin, or a reset pool).
            throw new DeviceRefusedException(refused);
        }

        for (var answers = 0; ; answers++)
        {
            if (step.Tokens is { } tokens)
            {
                RememberPassword(attempt, newPassword);
                return await WithDeviceAsync(attempt, step, tokens, cancellationToken).ConfigureAwait(false);
            }

            if (flow is not IChallengeFlow challengeFlow)
            {
                throw new CognitoAuthenticationException($"The {flow.Name} flow answers no challenges, but its sign-in asked {step.ChallengeName}.", step.ChallengeName);
            }

            // PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, then MFA is three rounds; the bound keeps a misbehaving endpoint from looping us.
            if (answers == challengeFlow.MaxChallengeRounds)
            {
                throw new CognitoAuthenticationException($"Cognito kept asking for challenges after {challengeFlow.MaxChallengeRounds} answers.", step.ChallengeName);
            }

            // Cognito names the user by its own user name in challenges; the answer (and its SECRET_HASH) must use the same.
            if (step.Parameters.GetValueOrDefault(AuthParameterNames.UserIdForSrp) is { Length: > 0 } cognitoName)
            {
                attempt.Username = cognitoName;
            }

            var challenge = step;
            try
            {
                step = await challengeFlow.RespondAsync(attempt, challenge, await AnswerAsync(attempt, challenge, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (CognitoException refused) when (attempt.Device is not null && IsDeviceRefusal(challenge, refused))
            {
                throw new DeviceRefusedException(refused);
            }
            catch (CognitoException used) when (used.ErrorCode == ExpiredCode)
            {
                // The one-time code was already used (e.g. by another process, or the enrolment's verification in this
                // 30-second step): the session stays open, and the responder's next answer is a fresh code.
                Log.CodeAlreadyUsed(_logger, attempt.Client.Name, challenge.ChallengeName!);
                step = await challengeFlow.RespondAsync(attempt, challenge, await AnswerAsync(attempt, challenge, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            RememberPassword(attempt, newPassword);
        }
    }

    /// <summary>
    /// The tokens with the device to keep: the one Cognito offered, once confirmed and remembered (when the options ask for it);
    /// else the device this sign-in offered (Cognito took it); else none.
    /// </summary>
    private async Task<CognitoTokenSet> WithDeviceAsync(SignInAttempt attempt, SignInStep step, CognitoTokenSet tokens, CancellationToken cancellationToken)
    {
        var device = step.NewDevice is { } offered && attempt.Client.Options.RememberDevice
            ? await _devices.ConfirmAsync(attempt.Client, tokens, offered, cancellationToken).ConfigureAwait(false)
            : attempt.Device;
        return AuthenticationResults.WithDevice(tokens, device);
    }

    /// <summary>
    /// Whether Cognito refused the offered device rather than the user: "Device does not exist." (checked at the start, or at the
    /// <c>PASSWORD_VERIFIER</c> answer that names the device), or any refusal of the device's own proof.
    /// </summary>
    private static bool IsDeviceRefusal(SignInStep challenge, CognitoException refused) =>
        refused.ErrorCode == CognitoErrorCodes.ResourceNotFound
        || (challenge.ChallengeName is ChallengeNameType.DeviceSrpAuth or ChallengeNameType.DevicePasswordVerifier && !refused.IsRetryable);

    /// <summary>
    /// The answer to <paramref name="step"/>'s challenge: <c>USERNAME</c>, <c>SECRET_HASH</c>, and what the app's handler adds —
    /// asked first, so an app can answer any challenge its own way (a TOTP code from a vault, a new password from a prompt) —
    /// or else the built-in responder for the challenge.
    /// </summary>
    private async Task<Dictionary<string, string>> AnswerAsync(SignInAttempt attempt, SignInStep step, CancellationToken cancellationToken)
    {
        var responses = new Dictionary<string, string>(StringComparer.Ordinal) { [AuthParameterNames.Username] = attempt.Username };
        if (attempt.Client.SecretHashFor(attempt.Username) is { } secretHash)
        {
            responses[AuthParameterNames.SecretHash] = secretHash;
        }

        if (await AskHandlersAsync(attempt.Client, step, responses, cancellationToken).ConfigureAwait(false))
        {
            return responses;
        }

        if (_responders.GetValueOrDefault(step.ChallengeName!) is not { } responder)
        {
            throw AppAnsweredChallenges.Unanswered(attempt.Client.Name, step.ChallengeName!) ?? Unsupported(step.ChallengeName!);
        }

        await responder.AnswerAsync(attempt, step, responses, cancellationToken).ConfigureAwait(false);

        return responses;
    }

    /// <summary>Asks the application's <see cref="ICognitoChallengeHandler"/>s, in turn, until one answers.</summary>
    private async Task<bool> AskHandlersAsync(CognitoClientContext client, SignInStep step, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var challenge = new CognitoChallenge(client.Name, step.ChallengeName!, step.Parameters, step.AvailableChallenges);
        foreach (var handler in _handlers)
        {
            if (await handler.AnswerAsync(challenge, cancellationToken).ConfigureAwait(false) is { } answers)
            {
                Log.AnsweringWithChallengeHandler(_logger, client.Name, challenge.ChallengeName);
                foreach (var (name, value) in answers)
                {
                    responses[name] = value;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps which password is in effect, so the next sign-in starts with it.</summary>
    private static void RememberPassword(SignInAttempt attempt, string? newPassword)
    {
        var inEffect = newPassword is not null && string.Equals(attempt.Password, newPassword, StringComparison.Ordinal);
        if (attempt.Memory.NewPasswordInEffect != inEffect)
        {
            attempt.Memory = attempt.Memory with { NewPasswordInEffect = inEffect };
        }
    }

    /// <summary>The flow the context's rules belong to (the same registered object).</summary>
    private ISignInFlow FlowOf(CognitoClientContext client) => _flows[client.Flow.AuthFlow];

    private CognitoAuthenticationException Unsupported(string challengeName) =>
        new(
            $"Cognito asked for the unsupported challenge {challengeName}. This client answers {string.Join(", ", _responders.Keys.Order(StringComparer.Ordinal))}; " +
            "register an ICognitoChallengeHandler to answer others (an SMS or e-mail code, asked of a person), or turn them off for this user or app client.",
            challengeName);

    /// <summary>Cognito refused the remembered device the sign-in offered: the sign-in starts over without it.</summary>
    private sealed class DeviceRefusedException(CognitoException refusal) : Exception(refusal.Message, refusal)
    {
        public CognitoException Refusal { get; } = refusal;
    }

    /// <summary>What a log says went wrong: Cognito's error code, the challenge, or the exception's type; never a message.</summary>
    internal static string ReasonOf(Exception exception) => exception switch
    {
        CognitoException cognitoException => cognitoException.ErrorCode,
        CognitoAuthenticationException { ChallengeName: { } challenge } => challenge,
        CognitoAuthenticationException => "AuthenticationFailed",
        _ => exception.GetType().Name,
    };
}
