namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A Cognito error as a value: the code AWS puts in <c>__type</c>, its message, and the HTTP status it answers with. The
/// domain returns these (a sign-in refused is an outcome, not a fault); each adapter shows them its own way — the JSON API
/// as an error body, the managed login as text on its page. Messages never carry a secret.
/// </summary>
/// <param name="Code">The AWS error code, e.g. <c>NotAuthorizedException</c>.</param>
/// <param name="Message">Cognito's message.</param>
/// <param name="StatusCode">The HTTP status of the API's answer.</param>
internal sealed record CognitoError(string Code, string Message, int StatusCode = 400);
