namespace CognitoAuth.Emulator.Signing;

/// <summary>
/// The parts of a SigV4 <c>Authorization</c> header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20250101/region/service/aws4_request, SignedHeaders=a;b, Signature=hex</c>.
/// </summary>
internal sealed record AuthorizationHeader(string AccessKeyId, string ScopeDate, string Region, string Service, string Terminator, string SignedHeaders, string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <inheritdoc />
    /// <remarks>The signature authorizes a replay of the request while its date is current: shown as set, never its value.</remarks>
    public override string ToString() =>
        $"AuthorizationHeader {{ AccessKeyId = {AccessKeyId}, ScopeDate = {ScopeDate}, Region = {Region}, Service = {Service}, SignedHeaders = {SignedHeaders}, Signature = *** }}";

    /// <summary>Parses the header, or throws AWS's <c>IncompleteSignatureException</c> naming what is missing.</summary>
    public static AuthorizationHeader Parse(string value, bool hasDate)
    {
        string? credential = null, signedHeaders = null, signature = null;
        if (value.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            foreach (var part in value[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var content = part[(equals + 1)..];
                switch (part[..equals])
                {
                    case "Credential": credential = content; break;
                    case "SignedHeaders": signedHeaders = content; break;
                    case "Signature": signature = content; break;
                }
            }
        }

        var problems = new List<string>();
        if (string.IsNullOrEmpty(credential))
        {
            problems.Add("Authorization header requires 'Credential' parameter.");
        }

        if (string.IsNullOrEmpty(signature))
        {
            problems.Add("Authorization header requires 'Signature' parameter.");
        }

        if (string.IsNullOrEmpty(signedHeaders))
        {
            problems.Add("Authorization header requires 'SignedHeaders' parameter.");
        }

        if (!hasDate)
        {
            problems.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (problems.Count > 0)
        {
            throw SignatureErrors.Incomplete(problems);
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty))
        {
            throw SignatureErrors.Incomplete(["Credential should be of the form 'AccessKeyId/yyyyMMdd/region/service/aws4_request'."]);
        }

        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders!, signature!);
    }
}
