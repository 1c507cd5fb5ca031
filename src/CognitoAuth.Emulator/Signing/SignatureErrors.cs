using System.Globalization;
using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Signing;

/// <summary>
/// The answers AWS's front door gives to unsigned or badly signed requests, with AWS's codes and wording. None
/// of them echoes the Authorization header or any credential but the access key id.
/// </summary>
internal static class SignatureErrors
{
    public static CognitoServiceException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static CognitoServiceException Incomplete(IEnumerable<string> problems) =>
        new("IncompleteSignatureException", string.Join(' ', problems));

    public static CognitoServiceException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static CognitoServiceException SignatureMismatch() =>
        Invalid("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static CognitoServiceException WrongRegion() => Invalid("Credential should be scoped to a valid region. ");

    public static CognitoServiceException WrongService(string service) => Invalid($"Credential should be scoped to correct service: '{service}'. ");

    public static CognitoServiceException WrongTerminator(string terminator) =>
        Invalid($"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'. ");

    public static CognitoServiceException HostNotSigned() =>
        Invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

    public static CognitoServiceException ScopeDateMismatch(string scopeDate, string amzDate) =>
        Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");

    public static CognitoServiceException BadDate() =>
        Incomplete(["X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""]);

    /// <summary>The request's date is more than the allowed skew in the past.</summary>
    public static CognitoServiceException Expired(DateTime signedAt, DateTime now, TimeSpan skew) =>
        Invalid($"Signature expired: {Format(signedAt)} is now earlier than {Format(now - skew)} ({Format(now)} - {Minutes(skew)} min.)");

    /// <summary>The request's date is more than the allowed skew in the future.</summary>
    public static CognitoServiceException NotYetCurrent(DateTime signedAt, DateTime now, TimeSpan skew) =>
        Invalid($"Signature not yet current: {Format(signedAt)} is still later than {Format(now + skew)} ({Format(now)} + {Minutes(skew)} min.)");

    private static CognitoServiceException Invalid(string message) => new("InvalidSignatureException", message);

    private static string Format(DateTime time) => time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan skew) => ((int)skew.TotalMinutes).ToString(CultureInfo.InvariantCulture);
}
