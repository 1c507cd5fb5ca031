namespace CognitoAuth.Emulator;

/// <summary>What a <see cref="CognitoFault"/> does to the request it is applied to.</summary>
public enum CognitoFaultKind
{
    /// <summary>An AWS error body with a status and code; the operation does not run.</summary>
    Error = 0,

    /// <summary>A bare HTTP status with a non-AWS body; the operation does not run.</summary>
    Status = 1,

    /// <summary>The request is held for a while, then handled normally.</summary>
    Slow = 2,

    /// <summary>The request is never answered.</summary>
    Hang = 3,

    /// <summary>The connection is closed before the operation runs.</summary>
    DropConnection = 4,

    /// <summary>The operation runs; the connection is closed instead of answering.</summary>
    DropResponse = 5,

    /// <summary>The operation runs; half its answer is sent under the full length, then the connection is closed.</summary>
    TruncatedBody = 6,

    /// <summary>HTTP 200 with a body that is not the operation's output; the operation does not run.</summary>
    MalformedBody = 7,
}
