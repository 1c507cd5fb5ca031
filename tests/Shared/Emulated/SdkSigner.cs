using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using CognitoAuth.Emulator;

namespace CognitoAuth.Testing.Emulated;

/// <summary>
/// Signs requests with AWSSDK.Core's complete SigV4 signer (<see cref="AWS4Signer.SignRequest(IRequest, IClientConfig, Amazon.Runtime.Internal.Util.RequestMetrics, string, string, DateTime)"/>),
/// independent of the emulator's canonicalization: a bug there cannot hide behind a shared one. The emulator's tests and the
/// integration tests' admin calls share it.
/// </summary>
internal static class SdkSigner
{
    public static void Sign(HttpRequestMessage message, byte[] body, SigningParameters parameters)
    {
        var request = new DefaultRequest(new OperationRequest(), "CognitoIdentityProvider")
        {
            HttpMethod = message.Method.Method,
            Endpoint = new Uri(message.RequestUri!.GetLeftPart(UriPartial.Authority)),
            ResourcePath = message.RequestUri.AbsolutePath,
            Content = body,
            AuthenticationRegion = parameters.Region,
            OverrideSigningServiceName = parameters.Service,
        };
        request.Headers["Content-Type"] = message.Content!.Headers.ContentType!.ToString();
        foreach (var (name, values) in message.Headers)
        {
            request.Headers[name] = string.Join(',', values);
        }

        var config = new SigningConfig { ServiceURL = request.Endpoint.ToString(), AuthenticationRegion = parameters.Region, AuthenticationServiceName = parameters.Service };
        var result = new AWS4Signer().SignRequest(request, config, null, parameters.AccessKeyId, parameters.SecretAccessKey, parameters.SignedAt);

        message.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
        foreach (var name in new[] { "X-Amz-Date", "X-Amz-Content-SHA256" })
        {
            if (request.Headers.TryGetValue(name, out var value))
            {
                message.Headers.Remove(name);
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    private sealed class OperationRequest : AmazonWebServiceRequest;

    private sealed class SigningConfig() : ClientConfig(new NoDefaults())
    {
        public override string RegionEndpointServiceName => "cognito-idp";

        public override string ServiceVersion => "2016-04-18";

        public override string UserAgent => "CognitoAuth.Tests";

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
    }

    private sealed class NoDefaults : IDefaultConfigurationProvider
    {
        public IDefaultConfiguration GetDefaultConfiguration(Amazon.RegionEndpoint clientRegion, DefaultConfigurationMode? requestedConfigurationMode = null) =>
            new DefaultConfiguration();
    }
}

/// <summary>What a request is signed with; each test varies one member.</summary>
internal sealed record SigningParameters(string AccessKeyId, string SecretAccessKey, string Region, string Service, DateTime SignedAt)
{
    public static SigningParameters For(CognitoEmulator emulator) => new(
        emulator.Credentials.AccessKeyId, emulator.Credentials.SecretAccessKey, emulator.Region, "cognito-idp", DateTime.UtcNow);
}
