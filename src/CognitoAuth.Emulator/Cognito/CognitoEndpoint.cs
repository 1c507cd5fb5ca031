using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Faults;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Local;
using CognitoAuth.Emulator.OAuth;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.Signing;
using CognitoAuth.Emulator.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// The Cognito endpoint over HTTP: AWS's JSON 1.1 protocol (<c>POST /</c>, <c>X-Amz-Target</c>,
/// <c>application/x-amz-json-1.1</c>), SigV4 on signed operations, each pool's well-known documents, the token endpoint,
/// the inbox, and CORS for browsers. Every answer carries <c>x-amzn-RequestId</c>; every failure is an AWS-style error
/// body, never a stack trace. Faults queued in <see cref="CognitoFaults"/> apply to well-formed requests of their
/// operation. After an operation that changed the state, the data directory (when there is one) is written before the
/// answer goes out.
/// </summary>
internal sealed class CognitoEndpoint(
    IReadOnlyDictionary<string, CognitoOperation> operations,
    SigV4Verifier verifier,
    PoolDirectory directory,
    TokenEndpoint tokenEndpoint,
    ManagedLoginEndpoint managedLogin,
    UserInfoEndpoint userInfo,
    RevocationEndpoint revocation,
    LocalPage localPage,
    Action? commit,
    RequestCounters counters,
    FaultInjector faults,
    ILogger logger)
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string JwksSuffix = "/.well-known/jwks.json";
    private const string DiscoverySuffix = "/.well-known/openid-configuration";

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var request = context.Request;
        if (CorsPolicy.Covers(request.Path.Value ?? "/"))
        {
            CorsPolicy.Apply(context);
            if (CorsPolicy.TryAnswerPreflight(context))
            {
                return;
            }
        }

        if (HttpMethods.IsGet(request.Method) && WellKnown(request.Path.Value ?? string.Empty) is { } document)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(document, context.RequestAborted);
            return;
        }

        var path = request.Path.Value ?? "/";
        if (path == TokenEndpoint.Path)
        {
            counters.Increment("oauth2/token");
            await tokenEndpoint.HandleAsync(context, requestId);
            return;
        }

        if (ManagedLoginEndpoint.Serves(path))
        {
            counters.Increment(path[1..]);
            await managedLogin.HandleAsync(context, path);
            return;
        }

        if (path == UserInfoEndpoint.Path)
        {
            counters.Increment("oauth2/userInfo");
            await userInfo.HandleAsync(context);
            return;
        }

        if (path == RevocationEndpoint.Path)
        {
            counters.Increment("oauth2/revoke");
            await revocation.HandleAsync(context);
            return;
        }

        if (LocalPage.Serves(path))
        {
            await localPage.HandleAsync(context, path);
            return;
        }

        if (path == "/_local")
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = LocalPage.PathPrefix;
            return;
        }

        if (request.Path.Value == InboxEndpoint.Path)
        {
            await InboxEndpoint.HandleAsync(context, directory.Inbox);
            return;
        }

        var operationName = "(unknown)";
        try
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                throw ProtocolErrors.MethodNotAllowed(request.Method);
            }

            var target = request.Headers["X-Amz-Target"].ToString();
            if (target.Length == 0)
            {
                throw ProtocolErrors.UnknownOperation(null);
            }

            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal)
                || !operations.TryGetValue(target[TargetPrefix.Length..], out var operation))
            {
                throw ProtocolErrors.UnknownOperation(target);
            }

            operationName = operation.Name;
            counters.Increment(operation.Name);
            if (!IsJsonContentType(request.ContentType))
            {
                throw ProtocolErrors.UnsupportedContentType(request.ContentType);
            }

            var body = await ReadBodyAsync(request, context.RequestAborted);
            var fault = faults.Take(operation.Name, requestId);
            if (fault is not null && await faults.BeforeAsync(context, operation.Name, fault))
            {
                return;
            }

            if (operation.RequiresSignature)
            {
                var (rawPath, rawQuery) = RequestTarget.Of(context);
                verifier.Verify(request.Method, rawPath, rawQuery, request.Headers, body);
            }

            var before = commit is null ? 0 : directory.Version;
            var output = await operation.Invoke(body, context.RequestAborted);
            if (commit is not null && directory.Version != before)
            {
                commit();
            }

            if (fault is not null && await faults.AfterAsync(context, fault, output))
            {
                return;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonContentType;
            await context.Response.Body.WriteAsync(output, context.RequestAborted);
            Log.CognitoRequest(logger, operationName, StatusCodes.Status200OK, requestId);
        }
        catch (CognitoServiceException error)
        {
            Log.CognitoRequestFailed(logger, operationName, error.StatusCode, error.Code, requestId);
            await WriteErrorAsync(context, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CognitoInternalError(logger, operationName, requestId, ex);
            await WriteErrorAsync(context, ProtocolErrors.InternalError());
        }
    }

    private byte[]? WellKnown(string path)
    {
        var jwks = path.EndsWith(JwksSuffix, StringComparison.Ordinal);
        if (!jwks && !path.EndsWith(DiscoverySuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var poolId = path[1..^(jwks ? JwksSuffix.Length : DiscoverySuffix.Length)];
        lock (directory.Gate)
        {
            if (directory.FindPool(poolId) is not { } pool)
            {
                return null;
            }

            var issuers = directory.Issuers;
            return jwks
                ? WellKnownDocuments.Jwks(pool.Key)
                : WellKnownDocuments.OpenIdConfiguration(pool.Tokens.Issuer, issuers.JwksUri(pool.Id), pool.Domain is null ? null : issuers.Endpoint + "/");
        }
    }

    private static bool IsJsonContentType(string? contentType)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        return mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-amz-json-1.0", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ProtocolErrors.MaxRequestBodyBytes)
        {
            throw ProtocolErrors.RequestTooLarge();
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ProtocolErrors.MaxRequestBodyBytes)
            {
                throw ProtocolErrors.RequestTooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteErrorAsync(HttpContext context, CognitoServiceException error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers["x-amzn-ErrorType"] = error.Code;
        var body = new ErrorBody { Type = error.Code, Message = error.Message };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, CognitoJsonContext.Default.ErrorBody, context.RequestAborted);
    }
}
