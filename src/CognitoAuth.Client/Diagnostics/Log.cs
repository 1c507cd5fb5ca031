using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Diagnostics;

/// <summary>
/// Every log message of the client. Parameters are client names, flows, error codes, times and origins:
/// never a user name, password, token, session or secret.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Client {ClientName}: signing in ({Flow}).", EventName = "SigningIn")]
    public static partial void SigningIn(ILogger logger, string clientName, string flow);

    [LoggerMessage(2, LogLevel.Information, "Client {ClientName}: signed in ({Flow}); tokens expire at {ExpiresAt:O}.", EventName = "SignedIn")]
    public static partial void SignedIn(ILogger logger, string clientName, string flow, DateTimeOffset expiresAt);

    [LoggerMessage(3, LogLevel.Warning, "Client {ClientName}: sign-in failed ({Flow}): {Reason}.", EventName = "SignInFailed")]
    public static partial void SignInFailed(ILogger logger, string clientName, string flow, string reason);

    [LoggerMessage(4, LogLevel.Information, "Client {ClientName}: Cognito requires a new password; answering NEW_PASSWORD_REQUIRED with the configured NewPassword.", EventName = "AnsweringNewPasswordRequired")]
    public static partial void AnsweringNewPasswordRequired(ILogger logger, string clientName);

    [LoggerMessage(5, LogLevel.Information, "Client {ClientName}: Cognito rejected the sign-in; trying the other configured password once (the temporary password may already have been replaced by NewPassword, or a retried challenge answer found its single-use session spent).", EventName = "TryingOtherPassword")]
    public static partial void TryingOtherPassword(ILogger logger, string clientName);

    [LoggerMessage(6, LogLevel.Debug, "Client {ClientName}: refreshing tokens that expire at {ExpiresAt:O}.", EventName = "Refreshing")]
    public static partial void Refreshing(ILogger logger, string clientName, DateTimeOffset expiresAt);

    [LoggerMessage(7, LogLevel.Information, "Client {ClientName}: tokens refreshed; they expire at {ExpiresAt:O}.", EventName = "Refreshed")]
    public static partial void Refreshed(ILogger logger, string clientName, DateTimeOffset expiresAt);

    [LoggerMessage(8, LogLevel.Information, "Client {ClientName}: the refresh was refused ({ErrorCode}), which a retry cannot fix; signing in again.", EventName = "RefreshTokenRejected")]
    public static partial void RefreshTokenRejected(ILogger logger, string clientName, string errorCode);

    [LoggerMessage(9, LogLevel.Warning, "Client {ClientName}: refresh failed ({ErrorCode}).", EventName = "RefreshFailed")]
    public static partial void RefreshFailed(ILogger logger, string clientName, string errorCode);

    [LoggerMessage(10, LogLevel.Information, "Client {ClientName}: signed out.", EventName = "SignedOut")]
    public static partial void SignedOut(ILogger logger, string clientName);

    [LoggerMessage(11, LogLevel.Warning, "Client {ClientName}: revoking the refresh token failed ({ErrorCode}); the cached tokens are dropped anyway.", EventName = "RevokeFailed")]
    public static partial void RevokeFailed(ILogger logger, string clientName, string errorCode);

    [LoggerMessage(12, LogLevel.Warning, "Client {ClientName}: request to {Scheme}://{Host}:{Port} is not the API origin; sending it without the token.", EventName = "TokenWithheldFromOtherOrigin")]
    public static partial void TokenWithheldFromOtherOrigin(ILogger logger, string clientName, string scheme, string host, int port);

    [LoggerMessage(13, LogLevel.Information, "Client {ClientName}: the API answered 401; renewing the token and retrying once.", EventName = "RetryingAfterUnauthorized")]
    public static partial void RetryingAfterUnauthorized(ILogger logger, string clientName);

    [LoggerMessage(14, LogLevel.Warning, "Client {ClientName}: the API answered 401 and the request content cannot be sent again; returning the 401.", EventName = "UnauthorizedNotRetried")]
    public static partial void UnauthorizedNotRetried(ILogger logger, string clientName);

    [LoggerMessage(15, LogLevel.Information, "Client {ClientName}: created a user with a temporary password (status {UserStatus}).", EventName = "UserCreated")]
    public static partial void UserCreated(ILogger logger, string clientName, string? userStatus);

    [LoggerMessage(32, LogLevel.Warning, "Client {ClientName}: sign-in failed ({Reason}), which a retry cannot fix; requests fail at once without calling Cognito until {Until:O}, an options change or a forced renewal.", EventName = "SignInPaused")]
    public static partial void SignInPaused(ILogger logger, string clientName, string reason, DateTimeOffset until);

    [LoggerMessage(34, LogLevel.Information, "Client {ClientName}: this user's TOTP code of the current 30-second step was sent already; waiting {Seconds:0.0} s for the next step's code.", EventName = "WaitingForTheNextTotpStep")]
    public static partial void WaitingForTheNextTotpStep(ILogger logger, string clientName, double seconds);

    [LoggerMessage(35, LogLevel.Information, "Client {ClientName}: answering {ChallengeName} with the application's challenge handler.", EventName = "AnsweringWithChallengeHandler")]
    public static partial void AnsweringWithChallengeHandler(ILogger logger, string clientName, string challengeName);

    [LoggerMessage(36, LogLevel.Warning, "Client {ClientName}: renewing the tokens failed ({ErrorCode}), which may pass; sending the current ones, valid until {ExpiresAt:O}.", EventName = "ServingTokensDespiteFailedRenewal")]
    public static partial void ServingTokensDespiteFailedRenewal(ILogger logger, string clientName, string errorCode, DateTimeOffset expiresAt);

    [LoggerMessage(42, LogLevel.Information, "Client {ClientName}: Cognito says the {ChallengeName} code was used already; answering once more with a fresh one.", EventName = "CodeAlreadyUsed")]
    public static partial void CodeAlreadyUsed(ILogger logger, string clientName, string challengeName);

    [LoggerMessage(43, LogLevel.Information, "Client {ClientName}: Cognito offered a new device; it is confirmed and remembered, and kept with the tokens.", EventName = "DeviceRemembered")]
    public static partial void DeviceRemembered(ILogger logger, string clientName);

    [LoggerMessage(44, LogLevel.Warning, "Client {ClientName}: the device Cognito offered could not be remembered ({ErrorCode}); the sign-in stands, and the next one is offered a new device.", EventName = "DeviceNotRemembered")]
    public static partial void DeviceNotRemembered(ILogger logger, string clientName, string errorCode);

    [LoggerMessage(45, LogLevel.Warning, "Client {ClientName}: Cognito refused the remembered device ({ErrorCode}); it is forgotten, and the user signs in again without it.", EventName = "RememberedDeviceRefused")]
    public static partial void RememberedDeviceRefused(ILogger logger, string clientName, string errorCode);

    [LoggerMessage(33, LogLevel.Information, "Client {ClientName}: the user's options changed to another identity; the old identity's cached tokens are dropped.", EventName = "IdentityChanged")]
    public static partial void IdentityChanged(ILogger logger, string clientName);

    [LoggerMessage(31, LogLevel.Warning, "Client {ClientName}: a redirect led to {Scheme}://{Host}:{Port}, which answered 401; returning it without retrying there with a token.", EventName = "UnauthorizedFromOtherOrigin")]
    public static partial void UnauthorizedFromOtherOrigin(ILogger logger, string clientName, string? scheme, string? host, int? port);

    [LoggerMessage(37, LogLevel.Information, "Client {ClientName}: opening the browser at {AuthorizationEndpoint} to sign in; waiting for it to come back to {RedirectUri}.", EventName = "OpeningBrowser")]
    public static partial void OpeningBrowser(ILogger logger, string clientName, string authorizationEndpoint, string redirectUri);

    [LoggerMessage(38, LogLevel.Warning, "Client {ClientName}: refused a request to the loopback redirect: {Reason}; still waiting for the sign-in's own.", EventName = "LoopbackRequestRefused")]
    public static partial void LoopbackRequestRefused(ILogger logger, string clientName, string reason);

    [LoggerMessage(39, LogLevel.Warning, "The browser command {Command} exited with code {ExitCode}: the page may not have opened (set BROWSER, or register an ICognitoBrowser).", EventName = "BrowserCommandFailed")]
    public static partial void BrowserCommandFailed(ILogger logger, string command, int exitCode);

    [LoggerMessage(40, LogLevel.Warning, "Client {ClientName}: the tokens are revoked and dropped, but the browser's sign-out did not complete ({Reason}); the managed-login session ends when the browser closes.", EventName = "BrowserSignOutIncomplete")]
    public static partial void BrowserSignOutIncomplete(ILogger logger, string clientName, string reason);

    [LoggerMessage(41, LogLevel.Warning, "The token cache {Path} cannot be read ({Reason}): it counts as empty, and the next sign-in replaces it.", EventName = "TokenCacheUnreadable")]
    public static partial void TokenCacheUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(16, LogLevel.Information, "Sending HTTP request {Method} {Uri}", EventName = "SendingRequest")]
    public static partial void SendingRequest(ILogger logger, HttpMethod method, string? uri);

    [LoggerMessage(17, LogLevel.Information, "Received HTTP response {Method} {Uri}: {StatusCode} after {ElapsedMilliseconds:0.0} ms", EventName = "ReceivedResponse")]
    public static partial void ReceivedResponse(ILogger logger, HttpMethod method, string? uri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(18, LogLevel.Warning, "HTTP request {Method} {Uri} failed after {ElapsedMilliseconds:0.0} ms", EventName = "RequestFailed")]
    public static partial void RequestFailed(ILogger logger, HttpMethod method, string? uri, double elapsedMilliseconds, Exception exception);
}
