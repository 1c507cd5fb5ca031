namespace CognitoAuth.Emulator.Tests.Browser;

/// <summary>
/// The tests that bind <c>localhost:8400</c> (Contract 2's callback port, fixed) and run Chromium: never in parallel with each
/// other or with any other test, so the port is free and the machine's two cores are not shared with a browser.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Port8400Collection
{
    public const string Name = "localhost:8400 and Chromium";
}
