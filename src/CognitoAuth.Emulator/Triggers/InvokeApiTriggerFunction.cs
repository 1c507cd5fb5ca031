using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// Every function not run in-process, through AWS Lambda's Invoke API at <c>--lambda-endpoint URL</c> (what
/// <c>sam local start-lambda</c> and LocalStack serve): <c>POST {URL}2015-03-31/functions/{NAME}/invocations</c> with the
/// event as the body (<c>?Qualifier=</c> when the ARN has one), SigV4-signed for service <c>lambda</c> in the ARN's region
/// with the emulator's local credentials. A response with <c>X-Amz-Function-Error</c> is the function's error (its body
/// Lambda's <c>{"errorMessage", "errorType", …}</c>); any other non-2xx status is a failure to invoke.
/// </summary>
internal sealed class InvokeApiTriggerFunction(HttpClient http, Uri endpoint, string accessKeyId, string secretAccessKey, TimeProvider time) : ITriggerFunction
{
    public const string Service = "lambda";

    public string Source => $"Invoke API {endpoint}";

    public async Task<byte[]> InvokeAsync(LambdaArn arn, byte[] evt, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(arn, evt, time.GetUtcNow());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new LambdaUnreachableException($"Unable to reach the Lambda endpoint {endpoint} ({ex.HttpRequestError})", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.Headers.Contains("X-Amz-Function-Error"))
            {
                throw new LambdaFunctionException(FunctionErrorMessage(body, string.Join(',', response.Headers.GetValues("X-Amz-Function-Error"))));
            }

            if (!response.IsSuccessStatusCode)
            {
                // Cognito's words for a function it may not (or can no longer) invoke: the permission went with the function.
                throw new LambdaUnreachableException(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                    ? "AccessDeniedException"
                    : ErrorType(response) ?? $"HTTP {(int)response.StatusCode}");
            }

            return body;
        }
    }

    /// <summary>The signed Invoke request for <paramref name="arn"/>, as AWS SDKs send it.</summary>
    internal HttpRequestMessage CreateRequest(LambdaArn arn, byte[] evt, DateTimeOffset now)
    {
        var path = $"2015-03-31/functions/{Uri.EscapeDataString(arn.FunctionName)}/invocations";
        var query = arn.Qualifier is null ? string.Empty : "Qualifier=" + Uri.EscapeDataString(arn.Qualifier);
        var uri = new Uri(endpoint, path + (query.Length > 0 ? "?" + query : string.Empty));
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(evt) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var signedAt = now.UtcDateTime;
        var amzDate = AWS4Signer.FormatDateTime(signedAt, AWSSDKUtils.ISO8601BasicDateTimeFormat);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", "RequestResponse");

        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        const string signedHeaders = "content-type;host;x-amz-date;x-amz-invocation-type";
        var canonical = new StringBuilder(512)
            .Append("POST\n")
            .Append(string.Join('/', uri.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))))).Append('\n')
            .Append(query).Append('\n')
            .Append("content-type:application/json\n")
            .Append("host:").Append(host).Append('\n')
            .Append("x-amz-date:").Append(amzDate).Append('\n')
            .Append("x-amz-invocation-type:RequestResponse\n")
            .Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(AWS4Signer.ComputeHash(evt)))
            .ToString();
        var signature = AWS4Signer.ComputeSignature(accessKeyId, secretAccessKey, arn.Region, signedAt, Service, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        return request;
    }

    /// <summary>Lambda's error payload's <c>errorMessage</c>; else its <c>errorType</c>; else the header's value (<c>Unhandled</c>).</summary>
    internal static string FunctionErrorMessage(byte[] body, string header)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["errorMessage", "errorType"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not Lambda's error shape: the header says what kind of failure it was.
        }

        return header;
    }

    private static string? ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;
}
