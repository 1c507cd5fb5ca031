namespace CognitoAuth.Sample;

/// <summary>A failure the sample explains in one line (a missing file, a bad argument).</summary>
internal sealed class SampleException(string message) : Exception(message);
