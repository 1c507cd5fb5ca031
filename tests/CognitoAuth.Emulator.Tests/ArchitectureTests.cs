using System.Text.RegularExpressions;
using CognitoAuth.Testing;

namespace CognitoAuth.Emulator.Tests;

/// <summary>
/// The emulator's layering, as docs/ARCHITECTURE.md draws it: the domain (<c>Pool/</c>: pools, users, sessions; <c>SignIn/</c>:
/// the sign-in engine) knows no HTTP, no request or response shapes (<c>Cognito/Model</c>) and no protocol exception
/// (<c>CognitoServiceException</c>, <c>CognitoErrors</c>), and no adapter; the adapters (the JSON API in
/// <c>Cognito/Operations</c>, the managed login and OAuth endpoints in <c>OAuth/</c>) use the domain, not each other. Checked
/// on the source: a file uses a part by a <c>using</c> of its namespace, a name qualified with it, or one of its types.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot.Path, "src", "CognitoAuth.Emulator");

    /// <summary>What the domain must not see.</summary>
    private static readonly string[] NotForTheDomain = ["HTTP", "Cognito", "OAuth", "Local", "Hosting", "Api", "Persistence"];

    /// <summary>
    /// Where the domain still sees what it should not (each entry a file and what it uses), to be emptied: a file listed here
    /// that no longer uses it fails the test too, so the list only shrinks.
    /// </summary>
    private static readonly HashSet<string> KnownDomainDebts = new(StringComparer.Ordinal)
    {
        // The pool keeps its settings as the model's UserPoolType, and its admin-facing lookups throw the API's errors.
        "Pool/UserPool.cs uses Cognito",
        "Pool/PoolDefaults.cs uses Cognito",
        "Pool/UserAttributes.cs uses Cognito",
        "Pool/UserFilter.cs uses Cognito",
        "Pool/CodeDelivery.cs uses Cognito",
        "Pool/PoolDirectory.cs uses Cognito",

        // The local page's log of issued tokens hangs off the directory.
        "Pool/PoolDirectory.cs uses Local",
    };

    [Fact]
    public void SignInEngine_SeesNoHttpNoDtoNoProtocolErrorAndNoAdapter()
    {
        var violations = Files("SignIn").SelectMany(file => Uses(file, NotForTheDomain)).ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Pool_SeesNoHttpNorAdapterNorTheEngine_BeyondItsKnownDebts_WhichOnlyShrink()
    {
        // The engine builds on the pools, never the other way round.
        var violations = Files("Pool").SelectMany(file => Uses(file, [.. NotForTheDomain, "SignIn"])).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(violations.Except(KnownDomainDebts).Order(StringComparer.Ordinal));
        Assert.Empty(KnownDomainDebts.Except(violations).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Adapters_UseTheDomain_NotEachOther()
    {
        // The managed login and OAuth endpoints answer in OAuth's terms: nothing of the JSON API's protocol (its operations,
        // shapes or errors); the JSON API's operations know nothing of OAuth's endpoints.
        var violations = Files("OAuth").SelectMany(file => Uses(file, ["Cognito"]))
            .Concat(Files(Path.Combine("Cognito", "Operations")).SelectMany(file => Uses(file, ["OAuth"])))
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void SignInRules_LiveInTheEngineOnly_TheAdaptersHoldNoCopyOfThem()
    {
        // The decisions of a sign-in, by what they read: an adapter that reads these decides a sign-in itself.
        string[] rules =
        [
            "TemporaryPasswordExpired(", "AsksForSoftwareToken(", "RequiresMfaSetup(", ".Token.Verify(", "UnknownUser", "SessionBySecretBlock",
            "UserNotConfirmed", "PasswordResetRequired", "PasswordRefusal(", "StartSession(", "FindSession(", "MfaSetupStep.",
        ];
        var copies = Files("OAuth").Concat(Files(Path.Combine("Cognito", "Operations")))
            .SelectMany(file => rules.Where(rule => Code(file).Contains(rule, StringComparison.Ordinal)).Select(rule => $"{Relative(file)} reads {rule}"))
            .ToList();

        Assert.True(copies.Count == 0, string.Join(Environment.NewLine, copies));
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories);

    private static string Relative(string file) => Path.GetRelativePath(Source, file).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The file's code without its comments (a comment may name anything).</summary>
    private static string Code(string file) => Comment().Replace(File.ReadAllText(file), string.Empty);

    private static IEnumerable<string> Uses(string file, IEnumerable<string> parts)
    {
        var code = Code(file);
        foreach (var part in parts)
        {
            var pattern = part switch
            {
                "HTTP" => @"Microsoft\.AspNetCore|\bHttp(Context|Request|Response)\b",
                "SignIn" => @"CognitoAuth\.Emulator\.SignIn\b|\b(SignInEngine|SignInResult|SignInSteps|ChallengeNames|ChallengeContext)\b",
                "Cognito" => @"CognitoAuth\.Emulator\.Cognito\b|\bCognito\.(Model|Operations)\.|\b(CognitoServiceException|CognitoErrors|ProtocolErrors)\b",
                _ => $@"CognitoAuth\.Emulator\.{Regex.Escape(part)}\b|(?<![\w.]){Regex.Escape(part)}\.[A-Z]",
            };
            if (Regex.IsMatch(code, pattern))
            {
                yield return $"{Relative(file)} uses {part}";
            }
        }
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
