namespace CognitoAuth.Emulator.Templates;

/// <summary>
/// A template the emulator cannot deploy: unreadable, an intrinsic it does not know, a reference to nothing, a dependency
/// cycle, a property of the wrong type, code that cannot be found, or an operation the emulator refused. The message names
/// the resource and the property; nothing of the template is left deployed. An <see cref="InvalidOperationException"/>, so
/// <c>bin/local</c> reports it in one line and exits 1.
/// </summary>
internal sealed class TemplateException : InvalidOperationException
{
    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error in one property of one resource (or output, parameter, condition): <c>Resources.X.Properties.Y: …</c>.</summary>
    public static TemplateException At(string location, string problem) => new($"{location}: {problem}");
}
