using System.Text.Json;
using CognitoAuth.Emulator.Cognito.Model;
using CognitoAuth.Emulator.Diagnostics;
using CognitoAuth.Emulator.Faults;
using CognitoAuth.Emulator.Hosting;
using CognitoAuth.Emulator.Pool;
using CognitoAuth.Emulator.SignIn;
using CognitoAuth.Emulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// AWS's JSON 1.1 protocol over HTTP (<c>POST /</c>, <c>X-Amz-Target</c>, <c>application/x-amz-json-1.1</c>): finds the
/// operation in the table (<see cref="CognitoOperation.All(PoolDirectory, SignInEngine, string)"/>), checks SigV4 on
/// signed operations, applies a fault queued in <see cref="CognitoFaults"/> for it, runs it, and answers its JSON or an
/// AWS-style error body (never a stack trace). Any other request the Cognito listener's routes do not take comes here too,
/// and is refused as AWS refuses it. After an operation that changed the state, the data directory (when there is one) is
/// written before the answer goes out. The request id is the listener's (<c>HttpContext.TraceIdentifier</c>).
/// </summary>
internal sealed class CognitoEndpoint(
    IReadOnlyDictionary<string, CognitoOperation> operations,
    SigV4Verifier verifier,
    PoolDirectory directory,
    Action? commit,
    RequestCounters counters,
    FaultInjector faults,
    ILogger logger)
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private const string JsonContentType = "application/x-amz-json-1.1";

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = context.TraceIdentifier;
        var request = context.Request;
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
