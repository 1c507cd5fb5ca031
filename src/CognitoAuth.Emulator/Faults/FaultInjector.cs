using System.Text;
using CognitoAuth.Emulator.Cognito;
using CognitoAuth.Emulator.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Faults;

/// <summary>
/// Applies <see cref="CognitoFault"/>s to the Cognito endpoint's requests: before the operation runs (errors, bare statuses,
/// delays, hangs, dropped connections, malformed bodies) or after it ran (a lost or truncated answer).
/// </summary>
internal sealed class FaultInjector(CognitoFaults faults, TimeProvider time, CancellationToken stopping, ILogger logger)
{
    /// <summary>Takes the fault queued for <paramref name="operation"/>, if any.</summary>
    public CognitoFault? Take(string operation, string requestId)
    {
        var fault = faults.Take(operation);
        if (fault is not null)
        {
            Log.FaultInjected(logger, operation, fault.Kind.ToString(), requestId);
            if (fault.Kind is not (CognitoFaultKind.Slow or CognitoFaultKind.Hang))
            {
                faults.CountApplied(operation); // a hold counts once its timer is set, in WaitAsync
            }
        }

        return fault;
    }

    /// <summary>Applies the part of <paramref name="fault"/> that comes before the operation. Returns whether the request is finished.</summary>
    /// <exception cref="CognitoServiceException">The fault is an AWS error answer.</exception>
    public async Task<bool> BeforeAsync(HttpContext context, string operation, CognitoFault fault)
    {
        switch (fault.Kind)
        {
            case CognitoFaultKind.Error:
                throw new CognitoServiceException(fault.ErrorCode!, fault.Body!, fault.StatusCode);

            case CognitoFaultKind.Status:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(fault.Body!), context.RequestAborted);
                return true;

            case CognitoFaultKind.MalformedBody:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-amz-json-1.1";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(fault.Body!), context.RequestAborted);
                return true;

            case CognitoFaultKind.DropConnection:
                context.Abort();
                return true;

            case CognitoFaultKind.Slow:
                return !await WaitAsync(context, operation, fault.Delay);

            case CognitoFaultKind.Hang:
                await WaitAsync(context, operation, Timeout.InfiniteTimeSpan);
                return true;

            default:
                return false;
        }
    }

    /// <summary>Applies the part of <paramref name="fault"/> that comes after the operation produced <paramref name="output"/>. Returns whether the request is finished.</summary>
    public async Task<bool> AfterAsync(HttpContext context, CognitoFault fault, byte[] output)
    {
        switch (fault.Kind)
        {
            case CognitoFaultKind.DropResponse:
                context.Abort();
                return true;

            case CognitoFaultKind.TruncatedBody:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/x-amz-json-1.1";
                context.Response.ContentLength = output.Length;
                await context.Response.Body.WriteAsync(output.AsMemory(0, output.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return true;

            default:
                return false;
        }
    }

    /// <summary>Waits on the emulator's clock; returns whether the wait ran its course (not ended by the client leaving or the emulator stopping).</summary>
    private async Task<bool> WaitAsync(HttpContext context, string operation, TimeSpan delay)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            var held = Task.Delay(delay, time, wait.Token); // sets the timer on the emulator's clock before it returns
            faults.CountApplied(operation);
            await held;
            return true;
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout or cancellation closed the connection), or the emulator is stopping.
            context.Abort();
            return false;
        }
    }
}
