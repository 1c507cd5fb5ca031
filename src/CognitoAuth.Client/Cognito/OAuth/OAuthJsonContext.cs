using System.Text.Json.Serialization;

namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>Source-generated serialization of the OAuth 2.0 answers: no reflection, trimming- and AOT-safe.</summary>
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
[JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext;
