namespace CognitoAuth.Client.Cognito;

/// <summary>Where a user pool's Cognito API lives and which region SigV4 signs for.</summary>
/// <param name="ServiceUrl">The endpoint, <c>https://cognito-idp.{region}.amazonaws.com/</c> unless overridden.</param>
/// <param name="Region">The signing region.</param>
internal sealed record CognitoEndpoint(Uri ServiceUrl, string Region)
{
    /// <summary>The public endpoint of a region.</summary>
    public static CognitoEndpoint ForRegion(string region) =>
        new(new Uri($"https://cognito-idp.{region}.amazonaws.com/"), region);
}
