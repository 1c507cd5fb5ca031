using System.ComponentModel.DataAnnotations;
using CognitoAuth.Client.Diagnostics;

namespace CognitoAuth.Client;

/// <summary>
/// How one <see cref="HttpClient"/> signs in to a Cognito user pool and which API it calls.
/// Bound from the configuration section <c>CognitoAuth</c> (or environment variables <c>CognitoAuth__Key</c>).
/// </summary>
public sealed class CognitoApiClientOptions
{
    /// <summary>The name of the client that <c>AddCognitoApiClient</c> registers when no name is given.</summary>
    public const string DefaultName = "CognitoAuth";

    /// <summary>The conventional configuration section holding these options.</summary>
    public const string SectionName = "CognitoAuth";

    /// <summary>
    /// The name of the <see cref="HttpClient"/> that talks to Cognito (the back-channel). Configure its primary handler
    /// (a proxy, a custom <see cref="System.Net.Http.SocketsHttpHandler"/>) with
    /// <c>services.AddHttpClient(CognitoApiClientOptions.BackChannelName).ConfigurePrimaryHttpMessageHandler(...)</c>. It brings
    /// its own retries and timeouts: handlers the app adds to every client (<c>ConfigureHttpClientDefaults</c>) are not
    /// added to it, so a second retry pipeline never multiplies its attempts.
    /// </summary>
    public const string BackChannelName = "CognitoAuth.Cognito";

    /// <summary>Gets or sets the AWS region of the user pool, e.g. <c>ap-northeast-1</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the region is taken from the <see cref="UserPoolId"/> prefix.</value>
    public string? Region { get; set; }

    /// <summary>Gets or sets the user pool id, <c>&lt;region&gt;_&lt;id&gt;</c>. Required for <see cref="CognitoAuthFlow.AdminUserPassword"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UserPoolId { get; set; }

    /// <summary>Gets or sets the app client id.</summary>
    /// <value>The default value is <see langword="null"/>; a value is required.</value>
    [Required]
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the app client secret, when the app client has one; <c>SECRET_HASH</c> is then sent with every sign-in and refresh.</summary>
    /// <value>The default value is <see langword="null"/> (an app client without a secret).</value>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the user name (or an alias such as the e-mail address) to sign in with.</summary>
    /// <value>The default value is <see langword="null"/>; the flows that sign a user in require a value.</value>
    public string? Username { get; set; }

    /// <summary>Gets or sets the user's password; for a new user, the temporary password.</summary>
    /// <value>The default value is <see langword="null"/>; the flows that sign a user in require a value.</value>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets the password that answers Cognito's <c>NEW_PASSWORD_REQUIRED</c> challenge. Once it is set, later
    /// sign-ins use it; if <see cref="Password"/> is rejected, it is tried once (the temporary password may already have been changed).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a <c>NEW_PASSWORD_REQUIRED</c> challenge then fails with a clear error.</value>
    public string? NewPassword { get; set; }

    /// <summary>
    /// Gets or sets the user's TOTP secret: the base32 text an authenticator app is given when the user enrols
    /// (<c>AssociateSoftwareToken</c>). It answers Cognito's <c>SOFTWARE_TOKEN_MFA</c> challenge with the RFC 6238 code of the
    /// current 30-second step, never the same code twice. Keep it as secret as the password.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a <c>SOFTWARE_TOKEN_MFA</c> challenge then fails with a clear error.</value>
    public string? TotpSecret { get; set; }

    /// <summary>Gets the user attributes that answer a <c>NEW_PASSWORD_REQUIRED</c> challenge's <c>requiredAttributes</c> (e.g. <c>name</c>).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> UserAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets how the user signs in.</summary>
    /// <value>The default value is <see cref="CognitoAuthFlow.AdminUserPassword"/>.</value>
    public CognitoAuthFlow AuthFlow { get; set; } = CognitoAuthFlow.AdminUserPassword;

    /// <summary>Gets or sets which token goes in the <c>Authorization: Bearer</c> header.</summary>
    /// <value>The default value is <see cref="CognitoTokenType.Access"/>.</value>
    public CognitoTokenType TokenType { get; set; } = CognitoTokenType.Access;

    /// <summary>
    /// Gets or sets the base address of the protected API. The token is sent only to this origin (scheme, host and port);
    /// it must be <c>https</c> unless the host is a loopback address.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; a value is required.</value>
    [Required]
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>Gets or sets the Cognito endpoint, to reach a local emulator or a VPC endpoint.</summary>
    /// <value>The default value is <see langword="null"/>: <c>https://cognito-idp.{Region}.amazonaws.com/</c>.</value>
    public Uri? ServiceUrl { get; set; }

    /// <summary>
    /// Gets or sets how long before expiry tokens are refreshed. For tokens whose lifetime is shorter than this,
    /// half their lifetime is used instead.
    /// </summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the scopes asked for with <see cref="CognitoAuthFlow.ClientCredentials"/> or
    /// <see cref="CognitoAuthFlow.AuthorizationCode"/>, separated by spaces (e.g. <c>cognito-auth-api/hello.read</c>).
    /// Tokens are cached per client and set of scopes.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: with <see cref="CognitoAuthFlow.ClientCredentials"/> Cognito grants every
    /// scope the app client is allowed; with <see cref="CognitoAuthFlow.AuthorizationCode"/>,
    /// <c>openid email profile aws.cognito.signin.user.admin</c>.
    /// </value>
    public string? Scopes { get; set; }

    /// <summary>
    /// Gets or sets the user pool domain's token endpoint (<c>https://{domain}/oauth2/token</c>) for
    /// <see cref="CognitoAuthFlow.ClientCredentials"/> and <see cref="CognitoAuthFlow.AuthorizationCode"/>; the other flows
    /// do not use it (and accept it, as a local stack's configuration gives it to every app).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the <c>token_endpoint</c> of the pool's OpenID configuration.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Gets or sets the user pool domain's authorize endpoint (<c>https://{domain}/oauth2/authorize</c>) for
    /// <see cref="CognitoAuthFlow.AuthorizationCode"/>. The sign-out page is the domain's <c>/logout</c> beside it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the <c>authorization_endpoint</c> of the pool's OpenID configuration.</value>
    public Uri? AuthorizationEndpoint { get; set; }

    /// <summary>
    /// Gets or sets where the browser brings the authorization code back with <see cref="CognitoAuthFlow.AuthorizationCode"/>:
    /// an <c>http</c> address of this machine (<c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c>) with a port, on which the
    /// client listens while a person signs in (RFC 8252 §7.3). It must be one of the app client's callback URLs, exactly.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <c>http://localhost:8400/callback</c>.</value>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Gets or sets where the pool's <c>/logout</c> page sends the browser after a sign-out with
    /// <see cref="CognitoAuthFlow.AuthorizationCode"/>: one of the app client's sign-out URLs, exactly. When it is an
    /// <c>http</c> address of this machine, the client listens there to show the browser that the sign-out is done.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <c>http://localhost:8400/</c>.</value>
    public Uri? LogoutUri { get; set; }

    /// <summary>Gets or sets how the app client authenticates at the token endpoint.</summary>
    /// <value>The default value is <see cref="CognitoTokenEndpointAuthMethod.ClientSecretBasic"/>.</value>
    public CognitoTokenEndpointAuthMethod TokenEndpointAuthMethod { get; set; } = CognitoTokenEndpointAuthMethod.ClientSecretBasic;

    /// <summary>
    /// Gets or sets how long requests fail at once, with the same error and without calling Cognito, after a sign-in failed
    /// for a reason a retry cannot fix (a wrong password, a disabled or missing user, a challenge the client cannot answer).
    /// The wait doubles with each further failure, up to five minutes; a successful sign-in resets it. A change of these
    /// options, or <see cref="ICognitoTokenProvider.GetTokensAsync"/> with <c>forceRenewal</c>, ends it at once.
    /// <see cref="TimeSpan.Zero"/> turns the pause off.
    /// </summary>
    /// <value>The default value is five seconds.</value>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets whether <see cref="CognitoAuthFlow.CustomAuth"/> proves the password with SRP first
    /// (<c>CHALLENGE_NAME=SRP_A</c> and <c>SRP_A</c>, then <c>PASSWORD_VERIFIER</c>), before the pool's custom challenges, as
    /// Amplify's "custom with SRP" does. Needs <see cref="Password"/> and <see cref="UserPoolId"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the custom challenges alone decide.</value>
    public bool CustomAuthWithSrp { get; set; }

    /// <summary>
    /// Gets or sets the first factor <see cref="CognitoAuthFlow.UserAuth"/> asks for (<c>PREFERRED_CHALLENGE</c>): <c>PASSWORD</c>,
    /// <c>PASSWORD_SRP</c> (both need <see cref="Password"/>), <c>EMAIL_OTP</c> or <c>SMS_OTP</c> (a code sent to the user, which an
    /// <see cref="ICognitoChallengeHandler"/> answers).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: Cognito answers <c>SELECT_CHALLENGE</c>, and the client picks the first
    /// factor it can complete, in the order <c>PASSWORD_SRP</c>, <c>PASSWORD</c> (with a password), <c>EMAIL_OTP</c>,
    /// <c>SMS_OTP</c> (with a challenge handler registered).
    /// </value>
    public string? PreferredChallenge { get; set; }

    /// <summary>
    /// Gets or sets whether to confirm and remember the device Cognito offers after a sign-in (<c>NewDeviceMetadata</c>, when the
    /// pool tracks devices): the device's keys and a random device password are kept with the tokens (a shared store shares
    /// them with the fleet), and later sign-ins prove the device with <c>DEVICE_SRP_AUTH</c>, so a pool that skips MFA on
    /// remembered devices skips it. A device Cognito no longer knows is forgotten after one more full sign-in.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: no device is confirmed, and sign-ins send no <c>DEVICE_KEY</c>.</value>
    public bool RememberDevice { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"CognitoApiClientOptions {{ Region = {Region}, UserPoolId = {UserPoolId}, ClientId = {ClientId}, ClientSecret = {Redaction.Mask(ClientSecret)}, " +
        $"Username = {Username}, Password = {Redaction.Mask(Password)}, NewPassword = {Redaction.Mask(NewPassword)}, TotpSecret = {Redaction.Mask(TotpSecret)}, UserAttributes = [{string.Join(", ", UserAttributes.Keys)}], " +
        $"AuthFlow = {AuthFlow}, TokenType = {TokenType}, ApiBaseAddress = {ApiBaseAddress}, ServiceUrl = {ServiceUrl}, RefreshBefore = {RefreshBefore}, FailureBackoff = {FailureBackoff}, " +
        $"Scopes = {Scopes}, TokenEndpoint = {TokenEndpoint}, TokenEndpointAuthMethod = {TokenEndpointAuthMethod}, " +
        $"AuthorizationEndpoint = {AuthorizationEndpoint}, RedirectUri = {RedirectUri}, LogoutUri = {LogoutUri}, " +
        $"CustomAuthWithSrp = {CustomAuthWithSrp}, PreferredChallenge = {PreferredChallenge}, RememberDevice = {RememberDevice} }}";
}
